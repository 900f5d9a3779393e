/** One trainable array of a model, with the gradient the last backward pass wrote. */
export interface Param {
  /** "<layer>.<W|b|v|g>", e.g. "dense0.W". */
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  /** The values, row-major; optimizers update them in place. */
  readonly data: Float64Array;
  /** ∂loss/∂data from the last `lossAndGrad`. */
  readonly grad: Float64Array;
  /** Whether L2 weight decay applies: weight matrices yes; biases and weight-norm gains no. */
  readonly decay: boolean;
}

/** "dense0.W[1,2]": the name of one scalar of a parameter (row, column; vectors drop the row). */
export function scalarName(p: Param, index: number): string {
  if (p.rows === 1) return `${p.name}[${index}]`;
  return `${p.name}[${Math.floor(index / p.cols)},${index % p.cols}]`;
}
