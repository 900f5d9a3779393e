import type { Rng } from "./rng";

/** Weight initializers; biases start at 0. `glorot`, `he` and `lecun` are Keras' defaults for each. */
export const INITIALIZERS = [
  "glorot_uniform",
  "glorot_normal",
  "he_uniform",
  "he_normal",
  "lecun_uniform",
  "lecun_normal",
  "glorot",
  "xavier",
  "he",
  "kaiming",
  "lecun",
] as const;
export type InitName = (typeof INITIALIZERS)[number];

const ALIASES: Record<string, string> = {
  glorot: "glorot_uniform",
  xavier: "glorot_uniform",
  he: "he_normal",
  kaiming: "he_normal",
  lecun: "lecun_normal",
};

/**
 * Fills `w` (fanIn×fanOut) from `rng`:
 * Glorot/Xavier Var = 2/(fanIn+fanOut), He/Kaiming Var = 2/fanIn, LeCun Var = 1/fanIn;
 * uniform on ±√(3·Var), normal with std √Var.
 */
export function initWeights(w: Float64Array, fanIn: number, fanOut: number, name: InitName, rng: Rng): void {
  const canonical = ALIASES[name] ?? name;
  let variance: number;
  if (canonical.startsWith("glorot")) variance = 2 / (fanIn + fanOut);
  else if (canonical.startsWith("he")) variance = 2 / fanIn;
  else if (canonical.startsWith("lecun")) variance = 1 / fanIn;
  else throw new Error(`unknown initializer "${name}"; valid names are: ${INITIALIZERS.join(", ")}`);
  if (canonical.endsWith("uniform")) {
    const a = Math.sqrt(3 * variance);
    for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-a, a);
  } else {
    const s = Math.sqrt(variance);
    for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, s);
  }
}
