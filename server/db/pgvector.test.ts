import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { describe, expect, it } from "vitest";
import { assertPgvectorAvailable, missingPgvectorMessage } from "./pgvector";
import { withSqlSession } from "./sql-session";

describe("missingPgvectorMessage", () => {
  it("names the server and the package for its major version", () => {
    const message = missingPgvectorMessage("PostgreSQL server at db.internal:5433/groundwork", 150020);
    expect(message).toContain("The PostgreSQL server at db.internal:5433/groundwork lacks the pgvector extension");
    expect(message).toContain("apt-get install postgresql-15-pgvector");
    expect(message).toContain(".ci/ensure-pgvector.sh");
    expect(missingPgvectorMessage("x", 170004)).toContain("postgresql-17-pgvector");
  });
});

describe("assertPgvectorAvailable", () => {
  // A PGlite started without the extension is a real server that lacks pgvector.
  it("stops start-up with the message when the server lacks pgvector", async () => {
    const bare = await PGlite.create();
    try {
      await expect(withSqlSession(bare, (s) => assertPgvectorAvailable(s, "PostgreSQL server at test"))).rejects.toThrow(
        /^The PostgreSQL server at test lacks the pgvector extension.*postgresql-18-pgvector/,
      );
    } finally {
      await bare.close();
    }
  });

  it("passes when pgvector is available", async () => {
    const withVector = await PGlite.create({ extensions: { vector } });
    try {
      await expect(withSqlSession(withVector, (s) => assertPgvectorAvailable(s, "embedded PGlite"))).resolves.toBeUndefined();
    } finally {
      await withVector.close();
    }
  });
});
