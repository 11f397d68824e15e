// Column chunks for the DuckDB Appender, filled value by value into plain typed arrays and
// handed to DuckDB a whole column at a time. The node-api's vectors take one JavaScript
// value a cell (an object for each date, a BigInt for each timestamp, a native call for
// each string); at millions of rows those were most of a snapshot's time. Here a column's
// values are copied into DuckDB's vector in one call (the bindings' copy_data_to_vector),
// short text included: DuckDB keeps a string of up to 12 bytes inside the vector itself.
import duckdb from '@duckdb/node-bindings';
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBType } from '@duckdb/node-api';

/** How a column is laid out in a DuckDB vector. */
export type Storage = 'i16' | 'i32' | 'i64' | 'f64' | 'bool' | 'text';

/** DuckDB's vector size: a data chunk holds at most this many rows. */
export const CHUNK_ROWS = 2048;

// A DuckDB string (duckdb_string_t) is 16 bytes: a 32-bit length, then up to 12 bytes inline
// (zero padded), or a prefix and a pointer to the bytes elsewhere.
const STRING_SLOT = 16;
const INLINE_MAX = 12;
const WIDTH: Record<Storage, number> = { i16: 2, i32: 4, i64: 8, f64: 8, bool: 1, text: STRING_SLOT };
const TWO_32 = 2 ** 32;

/** One column's values of the chunk being filled. */
export class ColumnBuffer {
  readonly width: number;
  private readonly buffer: ArrayBuffer;
  readonly bytes: Uint8Array;
  readonly i16: Int16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly i64: BigInt64Array;
  readonly f64: Float64Array;
  /** One bit a row, set when the value is present (DuckDB's validity mask). */
  readonly validity = new Uint8Array(CHUNK_ROWS / 8).fill(0xff);
  hasNull = false;
  /** Strings too long to sit in the vector, given to DuckDB one by one when the chunk is full. */
  private readonly longRows: number[] = [];
  private readonly longValues: (Uint8Array | string)[] = [];

  constructor(readonly storage: Storage) {
    this.width = WIDTH[storage];
    const buffer = new ArrayBuffer(CHUNK_ROWS * STRING_SLOT);
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.i16 = new Int16Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.i64 = new BigInt64Array(buffer);
    this.f64 = new Float64Array(buffer);
  }

  setNull(row: number): void {
    this.validity[row >>> 3]! &= ~(1 << (row & 7));
    this.hasNull = true;
  }

  /** A 64-bit integer given as its two 32-bit halves (what a big-endian wire value reads as). */
  setI64Halves(row: number, high: number, low: number): void {
    this.u32[row * 2] = low;
    this.i32[row * 2 + 1] = high;
  }

  /** A 64-bit integer that a JavaScript number holds exactly (|value| < 2^53). */
  setI64Number(row: number, value: number): void {
    const high = Math.floor(value / TWO_32);
    this.setI64Halves(row, high, value - high * TWO_32);
  }

  /** UTF-8 bytes `source[start, end)`: no JavaScript string is made for them. */
  setTextBytes(row: number, source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (length > INLINE_MAX) {
      this.longRows.push(row);
      this.longValues.push(source.subarray(start, end));
      return;
    }
    const slot = row * STRING_SLOT;
    this.u32[slot >>> 2] = length;
    const bytes = this.bytes;
    for (let offset = 0; offset < length; offset++) bytes[slot + 4 + offset] = source[start + offset]!;
  }

  setText(row: number, text: string): void {
    this.longRows.push(row);
    this.longValues.push(text);
  }

  /** Hands the first `rows` values to the chunk's vector and empties the buffer. */
  flushTo(vector: duckdb.Vector, rows: number): void {
    duckdb.copy_data_to_vector(vector, 0, this.buffer, 0, rows * this.width);
    if (this.storage === 'text') {
      // Written after the copy above, which would otherwise overwrite them.
      for (let index = 0; index < this.longRows.length; index++) {
        const value = this.longValues[index]!;
        if (typeof value === 'string') duckdb.vector_assign_string_element(vector, this.longRows[index]!, value);
        else duckdb.vector_assign_string_element_len(vector, this.longRows[index]!, value);
      }
      this.longRows.length = 0;
      this.longValues.length = 0;
      this.bytes.fill(0, 0, rows * STRING_SLOT);
    }
    if (this.hasNull) {
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(vector, 0, this.validity.buffer, 0, Math.ceil(rows / 64) * 8);
      this.validity.fill(0xff);
      this.hasNull = false;
    }
  }
}

/**
 * Fills the data chunks of one table and appends each as it fills. `row` is the row being
 * written; a caller writes every column of it, then calls `commitRow`.
 */
export class ChunkAppender {
  readonly columns: ColumnBuffer[];
  row = 0;
  rowsAppended = 0;
  private readonly chunk: DuckDBDataChunk;

  constructor(
    private readonly appender: DuckDBAppender,
    types: readonly DuckDBType[],
    storages: readonly Storage[],
  ) {
    this.chunk = DuckDBDataChunk.create(types);
    this.columns = storages.map((storage) => new ColumnBuffer(storage));
  }

  commitRow(): void {
    this.row += 1;
    if (this.row === CHUNK_ROWS) this.flushChunk();
  }

  /** Appends the rows written so far as one chunk. */
  flushChunk(): void {
    const rows = this.row;
    if (rows === 0) return;
    const raw = this.chunk.chunk;
    this.columns.forEach((column, index) => column.flushTo(duckdb.data_chunk_get_vector(raw, index), rows));
    duckdb.data_chunk_set_size(raw, rows);
    this.appender.appendDataChunk(this.chunk);
    duckdb.data_chunk_reset(raw);
    this.rowsAppended += rows;
    this.row = 0;
  }

  /** Appends what is left and writes the appender's rows into the table. */
  finish(): number {
    this.flushChunk();
    this.appender.flushSync();
    return this.rowsAppended;
  }
}
