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

const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n: number) => Array.from(String(n), (d) => SUBSCRIPT[Number(d)]).join("");

/**
 * The short name a figure axis uses for one scalar, counted from 1 as in textbooks: "w₁₁" for W[0,0] (from input 1
 * to unit 1), "b₃" for b[2]; a comma separates indices past 9 ("w₁₂,₃"). Its layer is `p.name` up to the dot.
 */
export function scalarSymbol(p: Param, index: number): string {
  const letter = p.name.slice(p.name.lastIndexOf(".") + 1).toLowerCase();
  if (p.rows === 1) return letter + sub(index + 1);
  const i = Math.floor(index / p.cols) + 1,
    j = (index % p.cols) + 1;
  return letter + sub(i) + (i > 9 || j > 9 ? "," : "") + sub(j);
}

/** "w₁₁ of dense0": `scalarSymbol` and the layer. */
export function scalarLabel(p: Param, index: number): string {
  return `${scalarSymbol(p, index)} of ${p.name.slice(0, p.name.lastIndexOf("."))}`;
}
