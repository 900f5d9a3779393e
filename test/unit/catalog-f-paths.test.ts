// fArray (f alone: model.predict) and fdfArray (f with f′: model.trace and training) give the same f, bit for bit,
// for every catalog entry, on the wasm and the JS paths, in Float64Array and Float32Array.
import { afterEach, describe, expect, it } from "vitest";
import { activation, type Activation } from "../../lib/src";
import { CATALOG } from "../../lib/src/catalog/public";
import { setKernelBackend } from "../../lib/src/kernels";
import { uniforms } from "./mulberry32";

afterEach(() => void setKernelBackend("auto"));

// The branch points of the loops (tanh's ½, ELU's −½ in x·k, erfc's 0.84375 and 1.25 in x/√2, exp's underflow,
// the kinks), their neighbours, and the specials.
const EDGES = [
  NaN,
  Infinity,
  0,
  5e-324,
  1e-300,
  2 ** -54,
  2 ** -28,
  1e-8,
  0.25,
  0.4999999999999999,
  0.5,
  0.5000000000000001,
  1,
  1.5,
  3,
  6,
  19,
  20,
  37,
  38.5,
  38.6,
  40,
  40.00000000000001,
  745.1332191019412,
  750,
  1e300,
  Number.MAX_VALUE,
  ...[0.84375, 1.25, 1 / 0.35].map((b) => b * Math.SQRT2).flatMap((v) => [v * (1 - 2 ** -52), v, v * (1 + 2 ** -52)]),
].flatMap((v) => [v, -v]);

function inputs(): Float64Array {
  const u = uniforms(100_000, 23);
  const xs = new Float64Array(EDGES.length + u.length);
  xs.set(EDGES);
  for (let i = 0; i < u.length; i++) {
    const r = u[i] - 0.5;
    // [−8, 8], [−1, 1], [−100, 100], and magnitudes from 1 down to 1e-300
    xs[EDGES.length + i] = [16 * r, 2 * r, 200 * r, Math.sign(r) * Math.exp(-700 * u[(i * 7) % u.length])][i % 4];
  }
  return xs;
}

function differences(id: string, x: ArrayLike<number>, fOnly: ArrayLike<number>, fused: ArrayLike<number>): string[] {
  const bad: string[] = [];
  for (let i = 0; i < x.length && bad.length < 5; i++) {
    if (!Object.is(fOnly[i], fused[i])) bad.push(`${id}(${x[i]}): fArray ${fOnly[i]}, fdfArray ${fused[i]}`);
  }
  return bad;
}

function compare(act: Activation, x: Float64Array | Float32Array): string[] {
  const make = () => (x instanceof Float32Array ? new Float32Array(x.length) : new Float64Array(x.length));
  const a = make(),
    b = make(),
    d = make();
  act.fArray(x, a);
  act.fdfArray(x, b, d);
  return differences(act.id, x, a, b);
}

const XS = inputs();
// Float32 inputs in range (the loops compute in double and round once when they store).
const XS32 = Float32Array.from(XS.filter((v) => !(Math.abs(v) > 3e38)));
// The specialised kernels with parameters, besides the defaults.
const PARAMETRISED = [
  ["leaky_relu", { negativeSlope: 0.2 }],
  ["elu", { alpha: 0.3 }],
  ["celu", { alpha: 1 }],
  ["softplus", { beta: 1 }],
] as const;

describe.each([
  ["wasm where it applies", "auto"],
  ["JS loops", "js"],
] as const)("fArray gives fdfArray's f exactly (%s)", (_, backend) => {
  it.each(CATALOG.map((e) => e.id))("%s on 100 000 random inputs and the branch edges", (id) => {
    setKernelBackend(backend);
    expect(compare(activation(id), XS)).toEqual([]);
  });

  it.each(CATALOG.map((e) => e.id))("%s on short arrays (below the wasm kernels' minimum) and Float32Array", (id) => {
    setKernelBackend(backend);
    const act = activation(id);
    for (let i = 0; i + 7 <= 700; i += 7) expect(compare(act, XS.slice(i, i + 7))).toEqual([]);
    expect(compare(act, XS32)).toEqual([]);
  });

  it.each(PARAMETRISED)("%s %o", (id, params) => {
    setKernelBackend(backend);
    expect(compare(activation(id, params), XS)).toEqual([]);
  });
});
