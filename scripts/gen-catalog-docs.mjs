#!/usr/bin/env node
// Writes docs/activations.md and one small SVG per activation (docs/activations/<id>.svg), all from the
// activation table in lib/dist: formulas, parameters, properties, kink conventions, saturation and an example
// are read from the entries and computed by the library itself, never typed here.
// Run after building lib: `node_modules/.bin/tsc -b lib && node scripts/gen-catalog-docs.mjs`.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const A = require(join(ROOT, "lib/dist/catalog/public.js")); // actigrad/catalog
const DOCS = join(ROOT, "docs");

/** Four significant digits, real minus signs, ∞. */
function num(v) {
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (Object.is(v, -0)) return "0";
  const s = Math.abs(v) < 1e-4 && v !== 0 ? v.toExponential(3) : String(Number(v.toPrecision(6)));
  return s.replace("-", "−");
}

// --- the plot -------------------------------------------------------------------------------------------
const W = 320,
  H = 180,
  PAD = 24,
  LEFT = 36; // LEFT leaves room for the y labels
const X0 = -5,
  X1 = 5;

/** Polylines of g over [X0, X1], broken where g jumps (at the kinks that break it). */
function paths(g, breaksAt, sx, sy) {
  const n = 200;
  const segs = [[]];
  let prev;
  for (let i = 0; i <= n; i++) {
    const x = X0 + ((X1 - X0) * i) / n;
    if (prev !== undefined && breaksAt.some((k) => prev < k && k <= x)) segs.push([]);
    const y = g(x);
    if (Number.isFinite(y)) segs[segs.length - 1].push(`${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
    prev = x;
  }
  return segs
    .filter((s) => s.length > 1)
    .map((s) => `M${s.join("L")}`)
    .join("");
}

function svg(act) {
  const xs = Array.from({ length: 401 }, (_, i) => X0 + ((X1 - X0) * i) / 400);
  const ys = xs.flatMap((x) => [act.f(x), act.df(x)]).filter(Number.isFinite);
  let lo = Math.max(-3, Math.min(-0.25, ...ys)),
    hi = Math.min(5, Math.max(1.25, ...ys));
  const pad = 0.08 * (hi - lo);
  lo -= pad;
  hi += pad;
  const sx = (x) => LEFT + ((x - X0) / (X1 - X0)) * (W - LEFT - PAD);
  const sy = (y) => H - PAD - ((Math.min(Math.max(y, lo - 1), hi + 1) - lo) / (hi - lo)) * (H - 2 * PAD);
  const kinks = act.properties.kinks;
  const fBreaks = kinks.filter((k) => k.breaks === "f").map((k) => k.x);
  const dfBreaks = kinks.filter((k) => k.breaks !== "d2f").map((k) => k.x);
  const ticks = [-4, -2, 0, 2, 4]
    .map((x) => `<text x="${sx(x).toFixed(1)}" y="${H - 8}" text-anchor="middle">${num(x)}</text>`)
    .join("");
  const yTicks = [lo + pad, hi - pad]
    .map(
      (y) =>
        `<text x="${LEFT - 4}" y="${(sy(y) + 3).toFixed(1)}" text-anchor="end">${num(Number(y.toPrecision(2)))}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="10">
<title>${act.label}: f (solid) and f′ (dashed) on [${X0}, ${X1}]</title>
<rect width="${W}" height="${H}" fill="#fff"/>
<clipPath id="c"><rect x="${LEFT}" y="${PAD}" width="${W - LEFT - PAD}" height="${H - 2 * PAD}"/></clipPath>
<g stroke="#ccc" stroke-width="1"><line x1="${LEFT}" y1="${sy(0).toFixed(1)}" x2="${W - PAD}" y2="${sy(0).toFixed(1)}"/><line x1="${sx(0).toFixed(1)}" y1="${PAD}" x2="${sx(0).toFixed(1)}" y2="${H - PAD}"/></g>
<g fill="#666">${ticks}${yTicks}</g>
<g clip-path="url(#c)" fill="none" stroke-width="2">
<path d="${paths(act.f, fBreaks, sx, sy)}" stroke="#1f77b4"/>
<path d="${paths(act.df, dfBreaks, sx, sy)}" stroke="#d62728" stroke-dasharray="5 3"/>
</g>
<g font-size="11"><text x="${W - PAD - 48}" y="${PAD + 2}" fill="#1f77b4">— f</text><text x="${W - PAD - 48}" y="${PAD + 15}" fill="#d62728">- - f′</text></g>
</svg>
`;
}

// --- the page -------------------------------------------------------------------------------------------
const range = (r) => r.text;
const yes = (b) => (b ? "yes" : "no");

/** The example: parameters (when any) set to twice their default, evaluated by the library. */
function example(entry) {
  const names = Object.keys(entry.params);
  const params = Object.fromEntries(names.map((n) => [n, entry.params[n].default * 2 || 1]));
  const act = A.activation(entry.id, names.length ? params : undefined);
  const x =
    act.properties.maxAbsDf.attained && Number.isFinite(act.properties.maxAbsDf.at) ? act.properties.maxAbsDf.at : 1;
  const arg = names.length
    ? `, ${JSON.stringify(params)
        .replace(/"(\w+)":/g, "$1: ")
        .replace(/,/g, ", ")}`
    : "";
  return [
    "```ts",
    `const act = activation("${entry.id}"${arg});`,
    `act.f(${x}); act.df(${x}); // ${act.f(x)}, ${act.df(x)}`,
    "```",
  ].join("\n");
}

function section(entry) {
  const act = A.activation(entry.id);
  const p = act.properties;
  const sat = [1e-2, 1e-4].map(
    (eps) => `ε = ${num(eps)}: ${act.saturation(eps).text.replace(/^\|f′\(x\)\| < [^ ]+ /, "")}`,
  );
  const lines = [
    `## ${entry.label} — \`${entry.id}\``,
    "",
    entry.summary,
    "",
    `$$${entry.latex.f}$$`,
    "",
    `$$${entry.latex.df}$$`,
    "",
    `$$${entry.latex.d2f}$$`,
    "",
    `![${entry.label}: f and f′](activations/${entry.id}.svg)`,
    "",
  ];
  const names = Object.keys(entry.params);
  if (names.length) {
    lines.push("| parameter | default (PyTorch) | must be | meaning |", "| --- | --- | --- | --- |");
    for (const n of names) {
      const s = entry.params[n];
      lines.push(`| \`${n}\` | ${num(s.default)} | ${s.domain} | ${s.doc ?? ""} |`);
    }
    lines.push("");
  }
  lines.push(
    "| property | value (default parameters) |",
    "| --- | --- |",
    `| range | ${range(p.range)} |`,
    `| monotonic | ${p.monotonic} |`,
    `| bounded | ${p.bounded} |`,
    `| zero-centred | ${yes(p.zeroCentred)} |`,
    `| symmetry | ${p.symmetry} |`,
    `| smoothness | ${p.smoothness} |`,
    `| max \\|f′\\| | ${num(p.maxAbsDf.value)} ${p.maxAbsDf.attained ? "at" : "(supremum,"} ${p.maxAbsDf.where}${p.maxAbsDf.attained ? "" : ")"} |`,
    `| saturates (\\|f′\\| < ε) | ${sat.join("; ")} |`,
  );
  for (const k of p.kinks) {
    const what = k.breaks === "f" ? "f jumps" : k.breaks === "df" ? "corner (f′ jumps)" : "f′ has a corner (f″ jumps)";
    lines.push(`| kink at x = ${num(k.x)} | ${what}; f′ = ${num(k.df)}, f″ = ${num(k.d2f)} there. ${k.convention} |`);
  }
  lines.push("", `PyTorch: \`${entry.torch}\``, "");
  for (const note of entry.notes ?? []) lines.push(`NB: ${note}`, "");
  lines.push(example(entry), "");
  return lines.join("\n");
}

function vectorSection(entry) {
  const v = A.vectorActivation(entry.id);
  const ex = Array.from(v.f([1, 2, 3]))
    .map((t) => num(t))
    .join(", ");
  return [
    `## ${entry.label} — \`${entry.id}\` (vector)`,
    "",
    entry.summary,
    "",
    `$$${entry.latex.f}$$`,
    "",
    `Jacobian–vector product: $$${entry.latex.df}$$`,
    "",
    `Second directional derivative: $$${entry.latex.d2f}$$`,
    "",
    "| property | value |",
    "| --- | --- |",
    `| range of each output | ${entry.properties.range.text} |`,
    `| row identity | ${entry.properties.rowIdentity} |`,
    `| shift-invariant | ${yes(entry.properties.shiftInvariant)} |`,
    `| max \\|∂fᵢ/∂xⱼ\\| | ${num(entry.properties.maxAbsJacobian.value)}: ${entry.properties.maxAbsJacobian.where} |`,
    "",
    `PyTorch: \`${entry.torch}\``,
    "",
    ...(entry.notes ?? []).flatMap((n) => [`NB: ${n}`, ""]),
    "```ts",
    `const v = vectorActivation("${entry.id}");`,
    `v.f([1, 2, 3]); // [${ex}]; also v.jvp(x, dx), v.vjp(x, g), v.jvp2(x, dx), v.jacobian(x)`,
    "```",
    "",
  ].join("\n");
}

function page() {
  const rows = A.CATALOG.map((e) => {
    const p = A.activation(e.id).properties;
    return `| [${e.label}](#${anchor(e)}) | \`${e.id}\` | ${range(p.range)} | ${p.monotonic} | ${yes(p.zeroCentred)} | ${p.smoothness} | ${num(p.maxAbsDf.value)} |`;
  });
  return [
    "# The activation catalog",
    "",
    "<!-- Generated by scripts/gen-catalog-docs.mjs from the activation table (lib/src/catalog); do not edit by hand. -->",
    "",
    `actigrad's ${A.CATALOG.length} scalar activations and ${A.VECTOR_CATALOG.length} vector activations, each with f, f′ and f″ in closed form,`,
    "checked against 50-digit mpmath references (scripts/references.py) to 1e-12 (f), 1e-10 (f′) and 1e-8 (f″)",
    "relative error over ±1e-300 … ±1e300. Where a derivative does not exist (a kink), actigrad uses PyTorch's",
    "autograd value and says so. NaN in gives NaN out. Plots show f (solid) and f′ (dashed) on [−5, 5].",
    "",
    "```ts",
    'import { activation, activationIds, defineActivation, gradCheck } from "actigrad";',
    'const act = activation("leaky_relu", { negativeSlope: 0.2 });',
    "act.f(-1); act.df(-1); act.d2f(-1);        // -0.2, 0.2, 0",
    "act.fdfArray(x, out, dOut);                 // f and f′ over a Float64Array/Float32Array, no allocation",
    "act.saturation(1e-4).text;                  // where |f′| < 1e-4",
    "```",
    "",
    "| activation | id | range | monotonic | zero-centred | smoothness | max \\|f′\\| |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    ...A.CATALOG.map(section),
    ...A.VECTOR_CATALOG.map(vectorSection),
  ].join("\n");
}

/** GitHub's heading anchor for "## Label — `id`". */
function anchor(e) {
  return `${e.label} — ${e.id}`
    .toLowerCase()
    .replace(/[^\w\- ]/g, "")
    .replace(/ /g, "-");
}

mkdirSync(join(DOCS, "activations"), { recursive: true });
for (const e of A.CATALOG) writeFileSync(join(DOCS, "activations", `${e.id}.svg`), svg(A.activation(e.id)));
writeFileSync(join(DOCS, "activations.md"), page());
console.log(`wrote docs/activations.md and ${A.CATALOG.length} SVGs in docs/activations/`);
