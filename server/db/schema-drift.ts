// The drift check: how a database differs from what prisma/schema.prisma says it should hold.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { shapeOfDatabase } from "./database-shape";
import { shapeFromPrismaSchema } from "./prisma-schema-shape";
import { diffShapes } from "./schema-shape";
import type { SqlSession } from "./sql-session";

export const defaultSchemaFile = path.resolve(process.cwd(), "prisma", "schema.prisma");

/** One line per difference; empty when the database matches the schema exactly. */
export async function findSchemaDrift(session: SqlSession, schemaSource?: string): Promise<string[]> {
  const source = schemaSource ?? (await readFile(defaultSchemaFile, "utf8"));
  return diffShapes(shapeFromPrismaSchema(source), await shapeOfDatabase(session));
}
