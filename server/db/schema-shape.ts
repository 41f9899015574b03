// The database structure both sides of the drift check are reduced to — what prisma/schema.prisma
// implies and what a migrated database holds — and the comparison of the two.

export interface ColumnShape {
  /** As PostgreSQL's format_type() prints it, e.g. `text`, `timestamp(3) without time zone`, `"RunStatus"`. */
  type: string;
  nullable: boolean;
  /** As pg_get_expr() prints the column default, e.g. `CURRENT_TIMESTAMP`, `'[]'::jsonb`; null when none. */
  default: string | null;
}

export interface IndexShape {
  table: string;
  primary: boolean;
  unique: boolean;
  /** Access method: btree, gin, … */
  method: string;
  /** Key columns in order, with ` DESC` appended when descending. */
  columns: string[];
  /** Partial-index predicate; Prisma never makes one. */
  predicate: string | null;
}

export type ReferentialAction = "CASCADE" | "RESTRICT" | "NO ACTION" | "SET NULL" | "SET DEFAULT";

export interface ForeignKeyShape {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface SchemaShape {
  /** Enum type name → labels in order. */
  enums: Record<string, string[]>;
  /** Table name → column name → column. */
  tables: Record<string, Record<string, ColumnShape>>;
  /** Index name → index (primary keys and unique constraints included: Prisma makes both as indexes). */
  indexes: Record<string, IndexShape>;
  /** Constraint name → foreign key. */
  foreignKeys: Record<string, ForeignKeyShape>;
  /** Constraint name → definition, for CHECK, UNIQUE-constraint and EXCLUDE constraints; Prisma makes none. */
  otherConstraints: Record<string, string>;
}

/** Every way `actual` differs from `expected`, one readable line each; empty when they match. */
export function diffShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const problems: string[] = [];
  compareNamed((n) => `enum "${n}"`, expected.enums, actual.enums, problems, (name, want, got) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      problems.push(`enum "${name}": expected values (${want.join(", ")}), found (${got.join(", ")})`);
    }
  });
  compareNamed((n) => `table "${n}"`, expected.tables, actual.tables, problems, (table, want, got) => {
    compareNamed((n) => `column "${table}"."${n}"`, want, got, problems, (column, w, g) => {
      const where = `column "${table}"."${column}"`;
      if (w.type !== g.type) problems.push(`${where}: expected type ${w.type}, found ${g.type}`);
      if (w.nullable !== g.nullable) {
        problems.push(`${where}: expected ${w.nullable ? "NULL allowed" : "NOT NULL"}, found ${g.nullable ? "NULL allowed" : "NOT NULL"}`);
      }
      if (w.default !== g.default) problems.push(`${where}: expected default ${w.default ?? "none"}, found ${g.default ?? "none"}`);
    });
  });
  const definitions: [string, Record<string, string>, Record<string, string>][] = [
    ["index", mapValues(expected.indexes, indexDefinition), mapValues(actual.indexes, indexDefinition)],
    ["foreign key", mapValues(expected.foreignKeys, foreignKeyDefinition), mapValues(actual.foreignKeys, foreignKeyDefinition)],
    ["constraint", expected.otherConstraints, actual.otherConstraints],
  ];
  for (const [what, want, got] of definitions) {
    compareNamed((n) => `${what} "${n}"`, want, got, problems, (name, w, g) => {
      if (w !== g) problems.push(`${what} "${name}": expected ${w}, found ${g}`);
    });
  }
  return problems;
}

export function indexDefinition(index: IndexShape): string {
  const kind = index.primary ? "PRIMARY KEY" : index.unique ? "UNIQUE INDEX" : "INDEX";
  const columns = index.columns.map((c) => c.replace(/^(.*?)( DESC)?$/, '"$1"$2')).join(", ");
  return `${kind} ON "${index.table}" USING ${index.method} (${columns})${index.predicate ? ` WHERE ${index.predicate}` : ""}`;
}

export function foreignKeyDefinition(fk: ForeignKeyShape): string {
  const list = (columns: string[]) => columns.map((c) => `"${c}"`).join(", ");
  return `"${fk.table}"(${list(fk.columns)}) REFERENCES "${fk.refTable}"(${list(fk.refColumns)}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

function compareNamed<T>(
  label: (name: string) => string,
  expected: Record<string, T>,
  actual: Record<string, T>,
  problems: string[],
  compare: (name: string, expected: T, actual: T) => void,
): void {
  for (const name of Object.keys(expected).sort()) {
    if (!(name in actual)) problems.push(`missing ${label(name)}`);
    else compare(name, expected[name], actual[name]);
  }
  for (const name of Object.keys(actual).sort()) {
    if (!(name in expected)) problems.push(`unexpected ${label(name)}`);
  }
}

function mapValues<T>(record: Record<string, T>, fn: (value: T) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
