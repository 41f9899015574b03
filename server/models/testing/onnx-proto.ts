// Just enough of the protobuf wire format to write an ONNX ModelProto (onnx/onnx.proto3), so the test
// suite can build a tiny model file itself instead of shipping or downloading one.

type Field = { number: number; wire: 0 | 2; bytes: Uint8Array };

function varint(value: bigint): Uint8Array {
  // Negative int64 values are written as their 64-bit two's complement, as protobuf does.
  let v = value < 0n ? (1n << 64n) + value : value;
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A message: its fields in order (repeated fields are simply listed again). */
export function message(fields: Field[]): Uint8Array {
  return concat(
    fields.flatMap((f) => {
      const key = varint(BigInt((f.number << 3) | f.wire));
      return f.wire === 0 ? [key, f.bytes] : [key, varint(BigInt(f.bytes.length)), f.bytes];
    }),
  );
}

export const int = (number: number, value: number | bigint): Field => ({ number, wire: 0, bytes: varint(BigInt(value)) });
export const str = (number: number, value: string): Field => ({ number, wire: 2, bytes: new TextEncoder().encode(value) });
export const bytes = (number: number, value: Uint8Array): Field => ({ number, wire: 2, bytes: value });
export const packedInts = (number: number, values: number[]): Field => ({ number, wire: 2, bytes: concat(values.map((v) => varint(BigInt(v)))) });

// ONNX enums and field numbers used below (onnx.proto3).
export const FLOAT = 1;
export const INT64 = 7;

export function tensor(name: string, dims: number[], values: Float32Array): Uint8Array {
  return message([packedInts(1, dims), int(2, FLOAT), str(8, name), bytes(9, new Uint8Array(values.buffer, values.byteOffset, values.byteLength))]);
}

/** A graph input or output: element type and shape, where a string names a symbolic dimension. */
export function valueInfo(name: string, elemType: number, shape: (number | string)[]): Uint8Array {
  const dims = shape.map((d) => bytes(1, message([typeof d === "number" ? int(1, d) : str(2, d)])));
  const tensorType = message([int(1, elemType), bytes(2, message(dims))]);
  return message([str(1, name), bytes(2, message([bytes(1, tensorType)]))]);
}

type Attribute = { name: string; int: number } | { name: string; ints: number[] };

export function node(opType: string, inputs: string[], outputs: string[], attributes: Attribute[] = []): Uint8Array {
  const attrs = attributes.map((a) =>
    bytes(5, message("int" in a ? [str(1, a.name), int(3, a.int), int(20, 2)] : [str(1, a.name), ...a.ints.map((v) => int(8, v)), int(20, 7)])),
  );
  return message([...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, `${opType}_${outputs[0]}`), str(4, opType), ...attrs]);
}

export function model(graph: { nodes: Uint8Array[]; initializers: Uint8Array[]; inputs: Uint8Array[]; outputs: Uint8Array[] }, opset: number): Uint8Array {
  const graphProto = message([
    ...graph.nodes.map((n) => bytes(1, n)),
    str(2, "graph"),
    ...graph.initializers.map((t) => bytes(5, t)),
    ...graph.inputs.map((v) => bytes(11, v)),
    ...graph.outputs.map((v) => bytes(12, v)),
  ]);
  return message([int(1, 8), str(2, "groundwork-tests"), bytes(7, graphProto), bytes(8, message([str(1, ""), int(2, opset)]))]);
}
