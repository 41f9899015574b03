// Reads what a database's current schema actually holds, from pg_catalog, into the shape the
// drift check compares. Arrays come back as JSON so PGlite and pg decode them the same way.
import type { ForeignKeyShape, ReferentialAction, SchemaShape } from "./schema-shape";
import type { SqlSession } from "./sql-session";

// The migration runner's own bookkeeping is not part of the data model.
const RUNNER_TABLE = "_groundwork_migrations";

const ACTION_CODES: Record<string, ReferentialAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

export async function shapeOfDatabase(session: SqlSession): Promise<SchemaShape> {
  const shape: SchemaShape = { enums: {}, tables: {}, indexes: {}, foreignKeys: {}, otherConstraints: {} };

  const enums = await session.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
    FROM pg_type t
    JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = current_schema()::regnamespace
    GROUP BY t.typname`);
  for (const e of enums) shape.enums[e.name] = e.labels;

  const tables = await session.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
     WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'f') AND relname <> $1`,
    [RUNNER_TABLE],
  );
  for (const t of tables) shape.tables[t.name] = {};

  const columns = await session.query<{ table: string; column: string; type: string; nullable: boolean; default: string | null }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       AND c.relname <> $1 AND a.attnum > 0 AND NOT a.attisdropped`,
    [RUNNER_TABLE],
  );
  for (const c of columns) shape.tables[c.table][c.column] = { type: c.type, nullable: c.nullable, default: c.default };

  // indkey/indoption are 0-based vectors; expression keys (attnum 0) print as their expression.
  const indexes = await session.query<{
    name: string;
    table: string;
    primary: boolean;
    unique: boolean;
    method: string;
    columns: string[];
    predicate: string | null;
  }>(
    `SELECT i.relname AS name, t.relname AS table, ix.indisprimary AS primary, ix.indisunique AS unique,
            am.amname AS method, pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
            (SELECT json_agg(
                      COALESCE(a.attname::text, pg_get_indexdef(ix.indexrelid, k.ord::int, true))
                      || CASE WHEN ((ix.indoption::int2[])[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END
                      ORDER BY k.ord)
             FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
             LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0) AS columns
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_am am ON am.oid = i.relam
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> $1`,
    [RUNNER_TABLE],
  );
  for (const { name, ...index } of indexes) shape.indexes[name] = index;

  const constraints = await session.query<{
    name: string;
    type: string;
    table: string;
    definition: string;
    ref_table: string | null;
    columns: string[] | null;
    ref_columns: string[] | null;
    on_delete: string;
    on_update: string;
  }>(
    `SELECT con.conname AS name, con.contype::text AS type, t.relname AS table, pg_get_constraintdef(con.oid) AS definition,
            rt.relname AS ref_table, con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns
     FROM pg_constraint con
     JOIN pg_class t ON t.oid = con.conrelid
     LEFT JOIN pg_class rt ON rt.oid = con.confrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> $1
       AND con.contype NOT IN ('p', 'n')`,
    [RUNNER_TABLE],
  );
  for (const c of constraints) {
    if (c.type === "f") shape.foreignKeys[c.name] = foreignKey(c);
    else shape.otherConstraints[c.name] = `"${c.table}" ${c.definition}`;
  }
  return shape;
}

function foreignKey(c: {
  name: string;
  table: string;
  ref_table: string | null;
  columns: string[] | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
}): ForeignKeyShape {
  return {
    table: c.table,
    columns: c.columns ?? [],
    refTable: c.ref_table ?? "",
    refColumns: c.ref_columns ?? [],
    onDelete: ACTION_CODES[c.on_delete],
    onUpdate: ACTION_CODES[c.on_update],
  };
}
