// Reads prisma/schema.prisma into the database structure `prisma migrate` would create for it on
// PostgreSQL (default names, default native types, Prisma's default referential actions).
// Prisma's own DMMF cannot serve here: it leaves out Unsupported("vector") columns. The parser is
// strict on purpose: anything it does not understand stops the drift check with the line to look
// at, so a new schema feature can never slip through unchecked.
import type { ColumnShape, ForeignKeyShape, IndexShape, ReferentialAction, SchemaShape } from "./schema-shape";

type Value =
  | { kind: "string"; value: string }
  | { kind: "number"; value: string }
  | { kind: "ident"; name: string; args?: Arg[] }
  | { kind: "list"; items: Value[] };

interface Arg {
  key?: string;
  value: Value;
}

interface Attribute {
  name: string;
  args: Arg[];
}

interface Field {
  line: number;
  name: string;
  type: string;
  unsupported?: string;
  list: boolean;
  optional: boolean;
  attributes: Attribute[];
}

interface Model {
  name: string;
  fields: Field[];
  attributes: (Attribute & { line: number })[];
}

interface Enum {
  name: string;
  dbName: string;
  values: Map<string, string>;
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const ACTIONS: Record<string, ReferentialAction> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

const INDEX_METHODS: Record<string, string> = {
  BTree: "btree",
  Hash: "hash",
  Gin: "gin",
  Gist: "gist",
  SpGist: "spgist",
  Brin: "brin",
};

// PostgreSQL's identifier length limit; Prisma would shorten longer default names.
const MAX_NAME = 63;

export function shapeFromPrismaSchema(source: string, file = "prisma/schema.prisma"): SchemaShape {
  const fail = (line: number, message: string): never => {
    throw new Error(`${file} line ${line}: ${message}`);
  };
  const { models, enums } = parseBlocks(source, fail);
  const shape: SchemaShape = { enums: {}, tables: {}, indexes: {}, foreignKeys: {}, otherConstraints: {} };
  for (const e of enums.values()) shape.enums[e.dbName] = [...e.values.values()];

  const tableOf = (model: Model) => stringArg(blockAttribute(model, "map")?.args, 0, fail, 0) ?? model.name;
  const columnOf = (model: Model, fieldName: string, line: number): string => {
    const field = model.fields.find((f) => f.name === fieldName);
    if (!field) return fail(line, `model ${model.name} has no field "${fieldName}"`);
    return stringArg(field.attributes.find((a) => a.name === "map")?.args, 0, fail, field.line) ?? field.name;
  };
  const addIndex = (name: string, index: IndexShape, line: number) => {
    if (name.length > MAX_NAME) fail(line, `index name "${name}" exceeds ${MAX_NAME} characters: give it a shorter map: name`);
    if (name in shape.indexes) fail(line, `index name "${name}" is used twice`);
    shape.indexes[name] = index;
  };

  for (const model of models.values()) {
    const table = tableOf(model);
    const columns: Record<string, ColumnShape> = {};
    shape.tables[table] = columns;
    for (const field of model.fields) {
      const target = models.get(field.type);
      if (target && !field.unsupported) {
        addForeignKey(shape, model, field, target, { table, tableOf, columnOf, fail });
        continue;
      }
      const column = columnOf(model, field.name, field.line);
      columns[column] = columnShape(field, enums, fail);
      for (const attribute of field.attributes) {
        if (attribute.name === "id" || attribute.name === "unique") {
          allowArgs(attribute, ["map"], field.line, fail);
          const primary = attribute.name === "id";
          const name = stringArg(attribute.args, "map", fail, field.line) ?? (primary ? `${table}_pkey` : `${table}_${column}_key`);
          addIndex(name, { table, primary, unique: true, method: "btree", columns: [column], predicate: null }, field.line);
        }
      }
    }
    for (const attribute of model.attributes) {
      if (attribute.name === "map") continue;
      if (!["id", "unique", "index"].includes(attribute.name)) {
        fail(attribute.line, `the drift check does not understand @@${attribute.name}: extend server/db/prisma-schema-shape.ts`);
      }
      allowArgs(attribute, attribute.name === "index" ? ["fields", "map", "type"] : ["fields", "map", "name"], attribute.line, fail);
      const fields = attribute.args.find((a) => a.key === "fields" || a.key === undefined)?.value;
      if (fields?.kind !== "list") return fail(attribute.line, `@@${attribute.name} needs a list of fields`);
      const keyColumns = fields.items.map((item) => indexColumn(model, item, columnOf, attribute.line, fail));
      const bare = keyColumns.map((c) => c.replace(/ DESC$/, ""));
      const typeArg = attribute.args.find((a) => a.key === "type")?.value;
      const method = typeArg ? INDEX_METHODS[identName(typeArg, attribute.line, fail)] : "btree";
      if (!method) fail(attribute.line, `unknown index type in @@${attribute.name}`);
      const suffix = { id: "pkey", unique: "key", index: "idx" }[attribute.name as "id" | "unique" | "index"];
      const defaultName = attribute.name === "id" ? `${table}_pkey` : `${table}_${bare.join("_")}_${suffix}`;
      addIndex(stringArg(attribute.args, "map", fail, attribute.line) ?? defaultName, {
        table,
        primary: attribute.name === "id",
        unique: attribute.name !== "index",
        method,
        columns: keyColumns,
        predicate: null,
      }, attribute.line);
    }
  }
  return shape;
}

interface Naming {
  table: string;
  tableOf: (model: Model) => string;
  columnOf: (model: Model, fieldName: string, line: number) => string;
  fail: (line: number, message: string) => never;
}

function addForeignKey(shape: SchemaShape, model: Model, field: Field, target: Model, naming: Naming): void {
  const { fail } = naming;
  for (const attribute of field.attributes) {
    if (attribute.name !== "relation") fail(field.line, `relation field ${model.name}.${field.name} cannot carry @${attribute.name}`);
  }
  const relation = field.attributes.find((a) => a.name === "relation");
  const fieldsArg = relation?.args.find((a) => a.key === "fields")?.value;
  if (!relation || !fieldsArg) return; // the other side of a relation: no column, no constraint
  allowArgs(relation, ["fields", "references", "onDelete", "onUpdate", "map", "name"], field.line, fail);
  const referencesArg = relation.args.find((a) => a.key === "references")?.value;
  if (fieldsArg.kind !== "list" || referencesArg?.kind !== "list") {
    return fail(field.line, `@relation on ${model.name}.${field.name} needs fields: [...] and references: [...]`);
  }
  const fromFields = fieldsArg.items.map((v) => identName(v, field.line, fail));
  const columns = fromFields.map((f) => naming.columnOf(model, f, field.line));
  const refColumns = referencesArg.items.map((v) => naming.columnOf(target, identName(v, field.line, fail), field.line));
  const optional = fromFields.some((f) => model.fields.find((x) => x.name === f)?.optional);
  const action = (key: "onDelete" | "onUpdate", fallback: ReferentialAction): ReferentialAction => {
    const value = relation.args.find((a) => a.key === key)?.value;
    if (!value) return fallback;
    const name = identName(value, field.line, fail);
    return ACTIONS[name] ?? fail(field.line, `unknown referential action ${key}: ${name}`);
  };
  const fk: ForeignKeyShape = {
    table: naming.table,
    columns,
    refTable: naming.tableOf(target),
    refColumns,
    onDelete: action("onDelete", optional ? "SET NULL" : "RESTRICT"),
    onUpdate: action("onUpdate", "CASCADE"),
  };
  const name = stringArg(relation.args, "map", fail, field.line) ?? `${naming.table}_${columns.join("_")}_fkey`;
  if (name.length > MAX_NAME) fail(field.line, `foreign key name "${name}" exceeds ${MAX_NAME} characters: give it a map: name`);
  shape.foreignKeys[name] = fk;
}

function columnShape(field: Field, enums: Map<string, Enum>, fail: (line: number, message: string) => never): ColumnShape {
  const enumType = enums.get(field.type);
  let type: string;
  if (field.unsupported !== undefined) type = field.unsupported;
  else if (enumType) type = quoteIdent(enumType.dbName);
  else type = SCALAR_TYPES[field.type] ?? fail(field.line, `unknown type ${field.type} on field ${field.name}`);
  if (field.list) type += "[]";

  let defaultValue: string | null = null;
  for (const attribute of field.attributes) {
    if (attribute.name === "default") {
      allowArgs(attribute, ["map"], field.line, fail, 1);
      defaultValue = defaultExpression(attribute.args[0]?.value, type, field, enumType, fail);
    } else if (!["id", "unique", "map", "updatedAt"].includes(attribute.name)) {
      fail(field.line, `the drift check does not understand @${attribute.name} on ${field.name}: extend server/db/prisma-schema-shape.ts`);
    }
  }
  // Prisma creates scalar lists without NOT NULL, required or not.
  return { type, nullable: field.optional || field.list, default: defaultValue };
}

function defaultExpression(
  value: Value | undefined,
  type: string,
  field: Field,
  enumType: Enum | undefined,
  fail: (line: number, message: string) => never,
): string | null {
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'::${type}`;
  if (!value) return fail(field.line, `@default on ${field.name} needs a value`);
  if (value.kind === "ident" && value.args) {
    // Ids generated by Prisma Client have no database default.
    if (["cuid", "uuid", "nanoid", "ulid"].includes(value.name)) return null;
    if (value.name === "now") return "CURRENT_TIMESTAMP";
    if (value.name === "dbgenerated" && value.args[0]?.value.kind === "string") return value.args[0].value.value;
    return fail(field.line, `the drift check does not understand @default(${value.name}()) on ${field.name}`);
  }
  if (value.kind === "list" && value.items.length === 0) return `ARRAY[]::${type}`;
  if (enumType && value.kind === "ident") {
    const db = enumType.values.get(value.name) ?? fail(field.line, `enum ${enumType.name} has no value ${value.name}`);
    return literal(db);
  }
  if (field.type === "Boolean" && value.kind === "ident" && ["true", "false"].includes(value.name)) return value.name;
  if ((field.type === "Int" || field.type === "BigInt") && value.kind === "number" && /^-?\d+$/.test(value.value)) {
    // PostgreSQL prints a negative integer constant as a cast literal.
    return value.value.startsWith("-") ? `'${value.value}'::integer` : value.value;
  }
  if ((field.type === "String" || field.type === "Json") && value.kind === "string") return literal(value.value);
  return fail(field.line, `the drift check does not understand this @default on ${field.name}: extend server/db/prisma-schema-shape.ts`);
}

function indexColumn(
  model: Model,
  item: Value,
  columnOf: Naming["columnOf"],
  line: number,
  fail: (line: number, message: string) => never,
): string {
  if (item.kind !== "ident") return fail(line, "index fields must be field names");
  const column = columnOf(model, item.name, line);
  for (const arg of item.args ?? []) {
    if (arg.key !== "sort") fail(line, `the drift check does not understand ${item.name}(${arg.key ?? "…"}: …)`);
    const order = identName(arg.value, line, fail);
    if (order !== "Asc" && order !== "Desc") fail(line, `sort must be Asc or Desc, not ${order}`);
    if (order === "Desc") return `${column} DESC`;
  }
  return column;
}

// PostgreSQL's format_type() quotes names that are not plain lower-case identifiers.
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function blockAttribute(model: Model, name: string): Attribute | undefined {
  return model.attributes.find((a) => a.name === name);
}

function allowArgs(
  attribute: Attribute,
  keys: string[],
  line: number,
  fail: (line: number, message: string) => never,
  positional = 1,
): void {
  attribute.args.forEach((arg, i) => {
    if (arg.key === undefined ? i >= positional : !keys.includes(arg.key)) {
      fail(line, `the drift check does not understand argument ${arg.key ?? i + 1} of @${attribute.name}`);
    }
  });
}

function stringArg(
  args: Arg[] | undefined,
  at: string | number,
  fail: (line: number, message: string) => never,
  line: number,
): string | undefined {
  const arg = typeof at === "number" ? args?.filter((a) => a.key === undefined)[at] : args?.find((a) => a.key === at);
  if (!arg) return undefined;
  return arg.value.kind === "string" ? arg.value.value : fail(line, "expected a string");
}

function identName(value: Value, line: number, fail: (line: number, message: string) => never): string {
  return value.kind === "ident" && !value.args ? value.name : fail(line, "expected a name");
}

// ---- the text of the schema ----

function parseBlocks(source: string, fail: (line: number, message: string) => never) {
  const models = new Map<string, Model>();
  const enums = new Map<string, Enum>();
  const lines = logicalLines(source);
  for (let i = 0; i < lines.length; i++) {
    const { text, line } = lines[i];
    const header = /^(model|enum|generator|datasource)\s+(\w+)\s*\{$/.exec(text);
    if (!header) fail(line, `expected a model, enum, generator or datasource block, found: ${text}`);
    const [, kind, name] = header as RegExpExecArray;
    const body: { text: string; line: number }[] = [];
    for (i++; i < lines.length && lines[i].text !== "}"; i++) body.push(lines[i]);
    if (i >= lines.length) fail(line, `${kind} ${name} is not closed`);
    if (kind === "model") models.set(name, parseModel(name, body, fail));
    if (kind === "enum") enums.set(name, parseEnum(name, body, fail));
  }
  return { models, enums };
}

function parseModel(name: string, body: { text: string; line: number }[], fail: (line: number, message: string) => never): Model {
  const model: Model = { name, fields: [], attributes: [] };
  for (const { text, line } of body) {
    const cursor = new Cursor(text, line, fail);
    if (text.startsWith("@@")) {
      cursor.pos = 1;
      model.attributes.push({ ...parseAttribute(cursor), line });
      cursor.end();
      continue;
    }
    const fieldName = cursor.ident();
    cursor.space();
    const type = cursor.ident();
    let unsupported: string | undefined;
    if (type === "Unsupported") {
      const args = cursor.args();
      const first = args[0]?.value;
      unsupported = first?.kind === "string" ? first.value : fail(line, 'Unsupported needs a type name, e.g. Unsupported("vector")');
    }
    const list = cursor.take("[]");
    const optional = cursor.take("?");
    const attributes: Attribute[] = [];
    for (cursor.space(); !cursor.done(); cursor.space()) attributes.push(parseAttribute(cursor));
    model.fields.push({ line, name: fieldName, type, unsupported, list, optional, attributes });
  }
  return model;
}

function parseEnum(name: string, body: { text: string; line: number }[], fail: (line: number, message: string) => never): Enum {
  const result: Enum = { name, dbName: name, values: new Map() };
  for (const { text, line } of body) {
    const cursor = new Cursor(text, line, fail);
    if (text.startsWith("@@")) {
      cursor.pos = 1;
      const attribute = parseAttribute(cursor);
      if (attribute.name !== "map") fail(line, `the drift check does not understand @@${attribute.name} on enum ${name}`);
      result.dbName = stringArg(attribute.args, 0, fail, line) ?? name;
      continue;
    }
    const value = cursor.ident();
    let dbValue = value;
    for (cursor.space(); !cursor.done(); cursor.space()) {
      const attribute = parseAttribute(cursor);
      if (attribute.name !== "map") fail(line, `the drift check does not understand @${attribute.name} on enum value ${value}`);
      dbValue = stringArg(attribute.args, 0, fail, line) ?? value;
    }
    result.values.set(value, dbValue);
  }
  return result;
}

function parseAttribute(cursor: Cursor): Attribute {
  cursor.expect("@");
  const name = cursor.ident(/[\w.]/);
  return { name, args: cursor.peek() === "(" ? cursor.args() : [] };
}

/** Lines without comments or blanks; a line with unclosed ( or [ continues on the next. */
function logicalLines(source: string): { text: string; line: number }[] {
  const result: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  source.split(/\r?\n/).forEach((raw, index) => {
    const text = stripComment(raw).trim();
    if (!text) return;
    pending = pending ? { text: `${pending.text} ${text}`, line: pending.line } : { text, line: index + 1 };
    if (depth(pending.text) <= 0) {
      result.push(pending);
      pending = undefined;
    }
  });
  if (pending) result.push(pending);
  return result;
}

function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (inString && line[i] === "\\") i++;
    else if (line[i] === '"') inString = !inString;
    else if (!inString && line.startsWith("//", i)) return line.slice(0, i);
  }
  return line;
}

function depth(text: string): number {
  let level = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    if (inString && text[i] === "\\") i++;
    else if (text[i] === '"') inString = !inString;
    else if (!inString && (text[i] === "(" || text[i] === "[")) level++;
    else if (!inString && (text[i] === ")" || text[i] === "]")) level--;
  }
  return level;
}

class Cursor {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly line: number,
    private readonly fail: (line: number, message: string) => never,
  ) {}

  peek(): string {
    return this.text[this.pos] ?? "";
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
  space(): void {
    while (/\s/.test(this.peek())) this.pos++;
  }
  take(token: string): boolean {
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
  expect(token: string): void {
    if (!this.take(token)) this.fail(this.line, `expected "${token}" at column ${this.pos + 1} of: ${this.text}`);
  }
  end(): void {
    this.space();
    if (!this.done()) this.fail(this.line, `unexpected text at column ${this.pos + 1} of: ${this.text}`);
  }
  ident(chars = /\w/): string {
    const start = this.pos;
    while (chars.test(this.peek())) this.pos++;
    if (start === this.pos) this.fail(this.line, `expected a name at column ${start + 1} of: ${this.text}`);
    return this.text.slice(start, this.pos);
  }
  args(): Arg[] {
    this.expect("(");
    const args: Arg[] = [];
    for (this.space(); !this.take(")"); this.space()) {
      if (args.length > 0) {
        this.expect(",");
        this.space();
      }
      const start = this.pos;
      const maybeKey = /\w/.test(this.peek()) ? this.ident() : undefined;
      this.space();
      if (maybeKey !== undefined && this.take(":")) {
        this.space();
        args.push({ key: maybeKey, value: this.value() });
      } else {
        this.pos = start;
        args.push({ value: this.value() });
      }
    }
    return args;
  }
  value(): Value {
    const c = this.peek();
    if (c === '"') return { kind: "string", value: this.string() };
    if (c === "[") {
      this.pos++;
      const items: Value[] = [];
      for (this.space(); !this.take("]"); this.space()) {
        if (items.length > 0) {
          this.expect(",");
          this.space();
        }
        items.push(this.value());
      }
      return { kind: "list", items };
    }
    if (/[-\d]/.test(c)) return { kind: "number", value: this.ident(/[-\d.eE+]/) };
    const name = this.ident();
    return this.peek() === "(" ? { kind: "ident", name, args: this.args() } : { kind: "ident", name };
  }
  string(): string {
    this.expect('"');
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c === "") this.fail(this.line, `unterminated string in: ${this.text}`);
      this.pos++;
      if (c === '"') return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const escaped = this.peek();
      this.pos++;
      out += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
    }
  }
}
