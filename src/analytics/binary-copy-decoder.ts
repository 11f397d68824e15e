// Decodes PostgreSQL's binary COPY format (COPY … TO STDOUT (FORMAT binary)) straight into
// column chunks: integers are read off the wire into typed arrays and text stays the UTF-8
// bytes it came as, so no per-value JavaScript object is made. The stream arrives in pieces
// that cut rows anywhere; a row cut short waits for the next piece.
import type { ChunkAppender, ColumnBuffer } from './column-chunks.js';

/** What a column's SELECT expression sends, in PostgreSQL's binary format. */
export type Wire = 'int4' | 'int8' | 'float8' | 'bool' | 'timestamp' | 'text';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_FIXED = SIGNATURE.length + 8;
// PostgreSQL counts timestamps in microseconds from 2000-01-01, DuckDB from 1970-01-01:
// 946,684,800,000,000 µs apart, added as two 32-bit halves (no BigInt for each value).
const EPOCH_SHIFT_HIGH = 220_417;
const EPOCH_SHIFT_LOW = 993_517_568;
const TWO_32 = 2 ** 32;
const INT32_MIN = -(2 ** 31);

// How one field is decoded, chosen once a column (a switch on a small number is faster
// than a call through a function per value).
const Op = { Int4ToI32: 0, Int4ToI16: 1, Int8ToI64: 2, TimestampToI64: 3, Float8ToF64: 4, BoolToBool: 5, TextToText: 6 } as const;
type Op = (typeof Op)[keyof typeof Op];

function opFor(wire: Wire, column: ColumnBuffer): Op {
  const storage = column.storage;
  if (wire === 'int4' && storage === 'i32') return Op.Int4ToI32;
  if (wire === 'int4' && storage === 'i16') return Op.Int4ToI16;
  if (wire === 'int8' && storage === 'i64') return Op.Int8ToI64;
  if (wire === 'timestamp' && storage === 'i64') return Op.TimestampToI64;
  if (wire === 'float8' && storage === 'f64') return Op.Float8ToF64;
  if (wire === 'bool' && storage === 'bool') return Op.BoolToBool;
  if (wire === 'text' && storage === 'text') return Op.TextToText;
  throw new Error(`no way to copy a ${wire} value into a ${storage} column`);
}

export class BinaryCopyDecoder {
  private readonly ops: Op[];
  private pending: Buffer<ArrayBufferLike> | null = null;
  private headerDone = false;
  private trailerSeen = false;

  constructor(
    private readonly target: ChunkAppender,
    wires: readonly Wire[],
  ) {
    this.ops = wires.map((wire, index) => opFor(wire, target.columns[index]!));
  }

  /** Decodes every whole row in `piece` (and what was left of the previous one). */
  write(piece: Buffer<ArrayBufferLike>): void {
    let buffer = this.pending ? Buffer.concat([this.pending, piece]) : piece;
    this.pending = null;
    let position = 0;
    if (!this.headerDone) {
      if (buffer.length < HEADER_FIXED) {
        this.pending = buffer;
        return;
      }
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      const extension = buffer.readInt32BE(SIGNATURE.length + 4);
      if (buffer.length < HEADER_FIXED + extension) {
        this.pending = buffer;
        return;
      }
      position = HEADER_FIXED + extension;
      this.headerDone = true;
    }
    const end = buffer.length;
    const ops = this.ops;
    const columns = this.target.columns;
    const target = this.target;
    while (position + 2 <= end) {
      const fieldCount = buffer.readInt16BE(position);
      if (fieldCount === -1) {
        this.trailerSeen = true;
        return;
      }
      if (fieldCount !== ops.length) throw new Error(`a COPY row has ${fieldCount} fields, ${ops.length} expected`);
      const row = target.row;
      let at = position + 2;
      let whole = true;
      for (let index = 0; index < fieldCount; index++) {
        if (at + 4 > end) {
          whole = false;
          break;
        }
        const length = buffer.readInt32BE(at);
        at += 4;
        const column = columns[index]!;
        if (length < 0) {
          column.setNull(row);
          continue;
        }
        if (at + length > end) {
          whole = false;
          break;
        }
        switch (ops[index]) {
          case Op.Int4ToI32:
            column.i32[row] = buffer.readInt32BE(at);
            break;
          case Op.Int4ToI16:
            column.i16[row] = buffer.readInt32BE(at);
            break;
          case Op.Int8ToI64:
            column.setI64Halves(row, buffer.readInt32BE(at), buffer.readUInt32BE(at + 4));
            break;
          case Op.TimestampToI64:
            setTimestamp(column, row, buffer.readInt32BE(at), buffer.readUInt32BE(at + 4));
            break;
          case Op.Float8ToF64:
            column.f64[row] = buffer.readDoubleBE(at);
            break;
          case Op.BoolToBool:
            column.bytes[row] = buffer[at]!;
            break;
          case Op.TextToText:
            column.setTextBytes(row, buffer, at, at + length);
            break;
        }
        at += length;
      }
      // A row cut short is decoded again, whole, into the same row once the next piece has
      // come: what was written of it is written again, the same.
      if (!whole) break;
      position = at;
      target.commitRow();
    }
    if (position < end) this.pending = Buffer.from(buffer.subarray(position));
  }

  /** Checks that the stream ended where COPY ends, not midway. */
  finish(): void {
    if (!this.trailerSeen) throw new Error('the COPY stream ended before its last row');
  }
}

function setTimestamp(column: ColumnBuffer, row: number, high: number, low: number): void {
  // ±infinity keep their meaning: DuckDB's are the int64 extremes too (−infinity one above).
  if (high === 0x7fffffff && low === 0xffffffff) return column.setI64Halves(row, high, low);
  if (high === INT32_MIN && low === 0) return column.setI64Halves(row, high, 1);
  let shiftedLow = low + EPOCH_SHIFT_LOW;
  let carry = 0;
  if (shiftedLow >= TWO_32) {
    shiftedLow -= TWO_32;
    carry = 1;
  }
  column.setI64Halves(row, high + EPOCH_SHIFT_HIGH + carry, shiftedLow);
}
