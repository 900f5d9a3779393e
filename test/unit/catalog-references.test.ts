// Every table entry against mpmath references (scripts/references.py, 50+ digits) at the issue's points:
// ±1e-300 … ±1e300, ±700, ±745, ±750, a 1/8 grid and random points on [−12, 12]; and against central
// differences at random points. Errors are relative to the value's own size (floor: the smallest normal).
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { activation } from "../../lib/src";
import { CATALOG } from "../../lib/src/catalog/public";
import { mulberry32 } from "./mulberry32";

interface ScalarRef {
  id: string;
  params: Record<string, number>;
  f: (number | null)[];
  df: (number | null)[];
  d2f: (number | null)[];
}
const REFS = JSON.parse(readFileSync(new URL("../fixtures/activation-references.json", import.meta.url), "utf8")) as {
  points: number[];
  scalar: ScalarRef[];
};

const TINY = 2.2250738585072014e-308; // below it doubles are subnormal and cannot hold 12 digits
const TOL = { f: 1e-12, df: 1e-10, d2f: 1e-8 } as const;

function relErr(got: number, want: number): number {
  if (Number.isNaN(got)) return Infinity;
  if (got === want) return 0;
  return Math.abs(got - want) / Math.max(Math.abs(want), TINY);
}

/** Worst error per case and order, printed at the end for the report. */
const worst = new Map<string, Record<string, { err: number; x: number }>>();

describe.each(
  REFS.scalar.map((r) => [`${r.id}${Object.keys(r.params).length ? JSON.stringify(r.params) : ""}`, r] as const),
)("%s against the mpmath references", (name, ref) => {
  const act = activation(ref.id, ref.params);
  it.each(["f", "df", "d2f"] as const)(
    "%s is within tolerance at every point, and finite where the reference is",
    (k) => {
      let w = { err: 0, x: NaN };
      const bad: string[] = [];
      REFS.points.forEach((x, i) => {
        const want = ref[k][i];
        if (want === null) return; // a kink: checked against the declared convention elsewhere
        const got = act[k](x);
        const err = relErr(got, want);
        if (err > w.err) w = { err, x };
        if (!(err <= TOL[k])) bad.push(`${k}(${x}) = ${got}, reference ${want} (rel. error ${err.toExponential(2)})`);
      });
      worst.set(name, { ...worst.get(name), [k]: w });
      expect(bad).toEqual([]);
    },
  );

  it("fdfArray (the fused loop) meets the same tolerances for f and f′", () => {
    const x = Float64Array.from(REFS.points);
    const out = new Float64Array(x.length),
      d = new Float64Array(x.length);
    act.fdfArray(x, out, d);
    const bad: string[] = [];
    REFS.points.forEach((xi, i) => {
      if (!(relErr(out[i], ref.f[i]!) <= TOL.f)) bad.push(`f(${xi}) = ${out[i]}, reference ${ref.f[i]}`);
      if (ref.df[i] !== null && !(relErr(d[i], ref.df[i]!) <= TOL.df))
        bad.push(`f′(${xi}) = ${d[i]}, reference ${ref.df[i]}`);
    });
    expect(bad).toEqual([]);
  });
});

describe("the reference file", () => {
  it("covers every table entry with f, f′ and a checked f″", () => {
    for (const e of CATALOG) {
      const refs = REFS.scalar.filter((r) => r.id === e.id);
      expect(
        refs.length,
        `${e.id} has no reference values: add its definition to defs() in scripts/references.py, then run \`npm run references\``,
      ).toBeGreaterThan(0);
      for (const r of refs)
        for (const k of ["f", "df", "d2f"] as const) expect(r[k].filter((v) => v !== null).length).toBeGreaterThan(300);
    }
  });

  it("covers every parameter of every entry with a non-default value", () => {
    for (const e of CATALOG) {
      for (const name of Object.keys(e.params)) {
        expect(
          REFS.scalar.some((r) => r.id === e.id && name in r.params),
          `${e.id}.${name} has no reference row with a non-default value: add one to scripts/references.py, then run \`npm run references\``,
        ).toBe(true);
      }
    }
  });

  it("holds the issue's points", () => {
    for (const x of [1e-300, -1e-300, 1e300, -1e300, 700, -700, 750, -750, -12, 12]) expect(REFS.points).toContain(x);
  });
});

/** g′(x) by a 4th-order central difference (independent of lib's gradCheck). */
function centralDiff(g: (x: number) => number, x: number, h = 1e-3): number {
  return (8 * (g(x + h) - g(x - h)) - (g(x + 2 * h) - g(x - 2 * h))) / (12 * h);
}

describe.each(CATALOG.map((e) => [e.id, e] as const))("%s against central differences", (id, entry) => {
  const act = activation(id);
  const kinks = act.properties.kinks.map((k) => k.x);
  it("f′ and f″ match differences of f and f′ at 200 random points in [−8, 8]", () => {
    const next = mulberry32(id.length * 7919 + id.charCodeAt(0));
    const bad: string[] = [];
    for (let n = 0; n < 200; n++) {
      const x = -8 + 16 * next();
      if (kinks.some((k) => Math.abs(x - k) < 0.01)) continue;
      for (const [g, dg, name] of [
        [act.f, act.df, "f′"],
        [act.df, act.d2f, "f″"],
      ] as const) {
        const num = centralDiff(g, x);
        const ana = dg(x);
        // mixed error: differences carry ~1e-13·|g|/h of rounding noise
        const err = Math.abs(num - ana) / Math.max(Math.abs(ana), 1e-6 * Math.max(1, Math.abs(g(x))));
        if (!(err < 1e-5)) bad.push(`${name}(${x}) = ${ana}, central difference ${num}`);
      }
    }
    expect(bad).toEqual([]);
    expect(entry.d2f).toBeTypeOf("function");
  });
});

afterAll(() => {
  const rows = [...worst].map(
    ([name, w]) =>
      `| ${name} | ${["f", "df", "d2f"].map((k) => (w[k] ? `${w[k].err.toExponential(1)}${w[k].err ? ` (x = ${w[k].x})` : ""}` : "–")).join(" | ")} |`,
  );
  console.log(["| activation | worst rel. error f | f′ | f″ |", "| --- | --- | --- | --- |", ...rows].join("\n"));
});
