// Metadata filters as a SQL condition over the chunk alias `c`. Values travel as parameters; a field
// that is missing or of another type simply does not match.
import { Prisma } from "@/server/db/generated/client";
import type { MetadataFilter } from "@/nodes/retrieval-filters";

const numeric = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";

function boundSql(value: Prisma.Sql, text: Prisma.Sql, op: string, bound: number | string): Prisma.Sql {
  const cmp = Prisma.raw(op);
  if (typeof bound === "number") {
    return Prisma.sql`(CASE WHEN ${text} ~ ${numeric} THEN (${text})::float8 END) ${cmp} ${bound}::float8`;
  }
  return Prisma.sql`${value} IS NOT NULL AND ${text} ${cmp} ${bound}`;
}

function conditionSql(filter: MetadataFilter): Prisma.Sql {
  const path = filter.field.split(".");
  const value = Prisma.sql`(c.metadata #> ${path}::text[])`;
  const text = Prisma.sql`(c.metadata #>> ${path}::text[])`;
  switch (filter.op) {
    case "eq":
      return Prisma.sql`${text} = ${String(filter.value)}`;
    case "in":
      return Prisma.sql`${text} = ANY(${filter.values.map(String)}::text[])`;
    case "range": {
      const parts = (["gte", "gt", "lte", "lt"] as const)
        .filter((key) => filter[key] !== undefined)
        .map((key) => boundSql(value, text, { gte: ">=", gt: ">", lte: "<=", lt: "<" }[key], filter[key] as number | string));
      return Prisma.join(parts, " AND ");
    }
    case "tags": {
      const test = filter.match === "all" ? Prisma.sql`jsonb_exists_all` : Prisma.sql`jsonb_exists_any`;
      return Prisma.sql`(jsonb_typeof(${value}) = 'array' AND ${test}(${value}, ${filter.tags}::text[]))`;
    }
  }
}

/** `TRUE` when there are no filters, else every condition joined by AND. */
export function filtersSql(filters: readonly MetadataFilter[]): Prisma.Sql {
  if (filters.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(filters.map((f) => Prisma.sql`(${conditionSql(f)})`), " AND ");
}
