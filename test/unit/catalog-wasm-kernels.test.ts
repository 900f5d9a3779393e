// The WebAssembly SIMD kernels give the JS loops' bits exactly (fdlibm's exp and expm1 as V8's Math.* run them,
// and the log1p both compute), at every length and alignment, in place and on views.
import { afterEach, describe, expect, it } from "vitest";
import { activation } from "../../lib/src";
import { hasWasmKernels, setKernelBackend } from "../../lib/src/kernels";
import { log1pUnit } from "../../lib/src/special/logistic";
import { uniforms } from "./mulberry32";

afterEach(() => void setKernelBackend("auto"));

// Every branch of exp (|x| vs ½ln2, 3/2·ln2, 2^-28, the subnormal and underflow ends), expm1 (2^-54, ½ln2) and
// log1p (2^-54, 2^-29, √2 − 1, u near 2), reached through the arguments −|x|, −2|x| and e^(−|x|).
const EDGES = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  5e-324,
  -5e-324,
  1e-300,
  2 ** -60,
  2 ** -54,
  2 ** -53,
  2 ** -29,
  2 ** -28,
  2 ** -27,
  1e-8,
  1.5e-6,
  0.1732867951399863,
  0.17328679513998633,
  0.25,
  0.34657359027997264,
  0.3465735902799727,
  0.4999999999999999,
  0.5,
  0.5000000000000001,
  0.5198603854199589,
  0.881373587019543,
  1,
  1.0397207708399179,
  2,
  19,
  20,
  22,
  36.7,
  37,
  40,
  354,
  372.5,
  373,
  708.4,
  708.39,
  709.5,
  709.79,
  744.44,
  745.1332191019411,
  745.1332191019412,
  745.2,
  750,
  1e300,
  Number.MAX_VALUE,
  // GELU: erfc's branch points in −x/√2 (¼, 0.84375, 1.25, 1/0.35) and their neighbours; Φ and φ underflowing
  ...[0.25, 0.84375, 1.25, 1 / 0.35]
    .flatMap((b) => [b / Math.SQRT1_2, b * Math.SQRT2])
    .flatMap((v) => [v * (1 - 2 ** -52), v, v * (1 + 2 ** -52)]),
  37.5,
  38.5,
  38.6,
  38.7,
  40,
  40.00000000000001,
].flatMap((v) => [v, -v]);

function inputs(): Float64Array {
  const u = uniforms(4 * 100_000, 11);
  const xs = new Float64Array(EDGES.length + u.length);
  xs.set(EDGES);
  for (let i = 0; i < u.length; i++) {
    const r = u[i] - 0.5;
    // [−8, 8], [−1, 1], [−800, 800], and magnitudes from 1 down to 1e-300
    xs[EDGES.length + i] = [16 * r, 2 * r, 1600 * r, Math.sign(r) * Math.exp(-700 * u[(i * 7) % u.length])][i % 4];
  }
  return xs;
}

const KERNELS = [
  ["tanh", ["fArray", "fdfArray"]],
  ["sigmoid", ["fArray", "fdfArray"]],
  ["softplus", ["fArray", "fdfArray"]],
  ["relu", ["fArray", "fdfArray"]],
  ["gelu", ["fArray", "fdfArray"]],
  ["gelu_tanh", ["fArray", "fdfArray"]],
  ["silu", ["fArray", "fdfArray"]],
  ["mish", ["fArray", "fdfArray"]],
] as const;

function run(id: string, method: "fArray" | "fdfArray", x: Float64Array, backend: "js" | "auto") {
  setKernelBackend(backend);
  const out = new Float64Array(x.length),
    d = new Float64Array(x.length).fill(7);
  if (method === "fArray") activation(id).fArray(x, out);
  else activation(id).fdfArray(x, out, d);
  return { out, d };
}

function differences(a: Float64Array, b: Float64Array, x: ArrayLike<number>): string[] {
  const bad: string[] = [];
  for (let i = 0; i < a.length && bad.length < 5; i++)
    if (!Object.is(a[i], b[i])) bad.push(`x = ${x[i]}: ${a[i]} vs ${b[i]}`);
  return bad;
}

describe("wasm SIMD activation kernels", () => {
  it("run on this engine (Node 20 has WebAssembly SIMD)", () => expect(hasWasmKernels()).toBe(true));

  const xs = inputs();
  describe.each(KERNELS)("%s", (id, methods) => {
    it.each(methods)("%s: the same bits as the JS loop on 400 000 inputs and every branch's edges", (method) => {
      const js = run(id, method, xs, "js"),
        wasm = run(id, method, xs, "auto");
      expect(differences(wasm.out, js.out, xs)).toEqual([]);
      expect(differences(wasm.d, js.d, xs)).toEqual([]);
    });

    it.each([0, 1, 3, 15, 16, 17, 31, 2047, 2049, 8191, 8192, 8193, 16389])(
      "fdfArray, length %i: on an offset view and in place",
      (n) => {
        const base = new Float64Array(n + 5);
        base.set(xs.subarray(1000, 1000 + n + 5));
        const view = base.subarray(3, 3 + n);
        const js = run(id, "fdfArray", view, "js");
        setKernelBackend("auto");
        const d = new Float64Array(n);
        const inPlace = view.slice();
        activation(id).fdfArray(inPlace, inPlace, d);
        expect(differences(inPlace, js.out, view)).toEqual([]);
        expect(differences(d, js.d, view)).toEqual([]);
      },
    );
  });

  // NB: bound stated in ulps of the value: the kernels and the scalar f, f′ are different formulas (fused, one exp),
  // each within ~2 ulp of the exact value. Measured worst over 2 × 4M inputs: GELU's f 7.3e-16, every other ≤ 5.8e-16.
  // f′ = s + x·s′ of the gated units (f = x·s) sums terms of opposite signs left of their minimum, so its error
  // is measured against their size, |f′| + 2|s| ≥ |s| + |x·s′|, with s = f/x. Below 1e-290 a result's own factors
  // are subnormal: catalog-arrays' 1e-13 applies there.
  const BOUND = 8e-16;
  const GATED = new Set(["silu", "gelu", "gelu_tanh", "mish"]);
  it.each(KERNELS.map(([id]) => id))(
    "%s: fdfArray within 8e-16 relative of the scalar f and f′ on 400 000 inputs",
    (id) => {
      const act = activation(id);
      const { out, d } = run(id, "fdfArray", xs, "auto");
      const bad: string[] = [];
      const check = (what: string, x: number, got: number, want: number, scale: number) => {
        if (Number.isNaN(want) ? Number.isNaN(got) : got === want) return;
        const err = Math.abs(got - want);
        const ok = scale < 1e-290 ? err <= 1e-13 * scale || err < 1e-320 : err <= BOUND * scale;
        if (!ok && bad.length < 5)
          bad.push(`${what}(${x}) = ${got}, scalar ${want} (${(err / scale).toExponential(2)})`);
      };
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i],
          f = act.f(x),
          df = act.df(x);
        check("f", x, out[i], f, Math.abs(f));
        check("f′", x, d[i], df, Math.abs(df) + (GATED.has(id) && x !== 0 ? 2 * Math.abs(f / x) : 0));
      }
      expect(bad).toEqual([]);
    },
  );

  it("leaves Float32Array to the JS loops, with the same results", () => {
    const x = Float32Array.from(xs.subarray(0, 3000).filter((v) => Math.abs(v) < 1e30));
    const a = new Float32Array(x.length),
      da = new Float32Array(x.length),
      b = new Float32Array(x.length),
      db = new Float32Array(x.length);
    setKernelBackend("js");
    activation("tanh").fdfArray(x, a, da);
    setKernelBackend("auto");
    activation("tanh").fdfArray(x, b, db);
    expect([Array.from(b), Array.from(db)]).toEqual([Array.from(a), Array.from(da)]);
  });

  it("log1pUnit (softplus's log1p in the loops and kernels) is within 1 ulp of Math.log1p on [0, 1]", () => {
    const u = uniforms(300_000, 5);
    const xs = [
      0,
      5e-324,
      1e-300,
      2 ** -60,
      2 ** -54,
      2 ** -29,
      0.4142136573791504,
      0.41421365737915034,
      0.5,
      1 - 2 ** -53,
      1,
      NaN,
    ];
    for (let i = 0; i < u.length; i++)
      xs.push(i % 3 === 0 ? u[i] : i % 3 === 1 ? Math.exp(-750 * u[i]) : 1 - 1e-5 * u[i]);
    const bits = new Float64Array(2),
      ints = new BigInt64Array(bits.buffer);
    const bad: string[] = [];
    for (const x of xs) {
      bits[0] = log1pUnit(x, 1 / (1 + x));
      bits[1] = Math.log1p(x);
      if (Number.isNaN(bits[1]) ? !Number.isNaN(bits[0]) : ints[0] - ints[1] > 1n || ints[1] - ints[0] > 1n)
        bad.push(`${x}: ${bits[0]} vs ${bits[1]}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("setKernelBackend returns the previous choice and rejects unknown ones", () => {
    expect(setKernelBackend("js")).toBe("auto");
    expect(setKernelBackend("auto")).toBe("js");
    expect(() => setKernelBackend("gpu" as never)).toThrowError('unknown kernel backend "gpu"; valid: auto, js');
  });
});
