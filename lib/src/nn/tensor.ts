/** A row-major matrix of float64: `data[i * cols + j]` is row i, column j. */
export interface Tensor {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A rows×cols tensor, zero-filled or copied from `data`. */
export function tensor(rows: number, cols: number, data?: ArrayLike<number>): Tensor {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`a tensor shape needs two non-negative integers, got ${rows}×${cols}`);
  }
  if (data !== undefined && data.length !== rows * cols) {
    throw new Error(`a ${rows}×${cols} tensor needs ${rows * cols} values, got ${data.length}`);
  }
  return { rows, cols, data: data === undefined ? new Float64Array(rows * cols) : Float64Array.from(data) };
}

/** A tensor from nested rows, e.g. `fromRows([[0, 1], [1, 0]])`; a flat array gives one column. */
export function fromRows(rows: readonly (readonly number[])[] | readonly number[]): Tensor {
  if (rows.length === 0) return tensor(0, 0);
  if (typeof rows[0] === "number") return tensor(rows.length, 1, rows as readonly number[]);
  const r = rows as readonly (readonly number[])[];
  const cols = r[0].length;
  const out = tensor(r.length, cols);
  r.forEach((row, i) => {
    if (row.length !== cols) throw new Error(`row ${i} has ${row.length} values but row 0 has ${cols}`);
    out.data.set(row, i * cols);
  });
  return out;
}

/** The rows of `t` as nested arrays. */
export function toRows(t: Tensor): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < t.rows; i++) out.push(Array.from(t.data.subarray(i * t.cols, (i + 1) * t.cols)));
  return out;
}

/** "rows×cols", as error messages print shapes. */
export function shapeOf(t: { rows: number; cols: number }): string {
  return `${t.rows}×${t.cols}`;
}

/** Whether `x` looks like a Tensor. */
export function isTensor(x: unknown): x is Tensor {
  const t = x as Tensor;
  return (
    typeof x === "object" &&
    x !== null &&
    t.data instanceof Float64Array &&
    Number.isInteger(t.rows) &&
    Number.isInteger(t.cols)
  );
}
