#!/usr/bin/env node
// The benchmark runner: `npm run bench` (or `node bench/run.mjs [filter] [--rounds N] [--budget MS]`).
//
// It imports every bench/*.bench.mjs, whose default export is `async (ctx) => Case[]` (see bench/README.md),
// then runs each case's variants in one process, interleaved round by round (the order rotates every round),
// and prints a markdown table with min and median per call and each variant's ratio to the first (baseline).
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { context } from "./context.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : def;
};
const ROUNDS = opt("rounds", 15);
const BUDGET = opt("budget", 2); // ms: below this, one sample repeats the call to reach it
const filter = args[0];

/** One timed sample of `variant`: the mean time per call over `reps` calls, in ms. */
async function sample(variant, reps) {
  if (variant.prepare) await variant.prepare();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    const out = variant.run();
    if (out && typeof out.then === "function") await out;
  }
  return (performance.now() - t0) / reps;
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function normalize(variants) {
  return Object.entries(variants).map(([name, v]) => (typeof v === "function" ? { name, run: v } : { name, ...v }));
}

async function runCase(c) {
  const variants = normalize(c.variants);
  // Warm up (JIT, backends, caches) and calibrate how many calls make one sample last BUDGET ms.
  const reps = [];
  for (const v of variants) {
    if (v.check) await v.check();
    let t = 0;
    for (let w = 0; w < 3; w++) t = await sample(v, 1);
    reps.push(Math.max(1, Math.min(1000, Math.ceil(BUDGET / Math.max(t, 1e-4)))));
  }
  const times = variants.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + r) % variants.length; // rotate so no variant always runs first
      times[i].push(await sample(variants[i], reps[i]));
    }
  }
  const base = median(times[0]);
  return variants.map((v, i) => ({
    case: c.name,
    n: c.n,
    variant: v.name,
    min: Math.min(...times[i]),
    median: median(times[i]),
    ratio: median(times[i]) / base,
  }));
}

const fmtMs = (ms) => (ms >= 10 ? ms.toFixed(1) : ms >= 0.1 ? ms.toFixed(2) : ms.toFixed(4));
const fmtN = (n) => (n >= 1e3 && Number.isInteger(Math.log10(n)) ? `1e${Math.log10(n)}` : String(n));

async function main() {
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith(".bench.mjs"))
    .sort();
  const ctx = await context();
  const rows = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(HERE, file)).href);
    if (typeof mod.default !== "function") {
      process.stderr.write(
        `[bench] ${file}: no default export \`async (ctx) => cases\`; skipped (see bench/README.md)\n`,
      );
      continue;
    }
    const cases = (await mod.default(ctx)).filter((c) => !filter || file.includes(filter) || c.name.includes(filter));
    for (const c of cases) {
      process.stderr.write(`[bench] ${file}: ${c.name}, N = ${fmtN(c.n)} …\n`);
      rows.push(...(await runCase(c)));
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  console.log(
    `Benchmarks, ${date} — Node ${process.version}, ${ctx.machine}; ${ROUNDS} interleaved rounds, time per call.\n`,
  );
  console.log("| case | N | variant | min (ms) | median (ms) | × first variant (median) |");
  console.log("| --- | ---: | --- | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.case} | ${fmtN(r.n)} | ${r.variant} | ${fmtMs(r.min)} | ${fmtMs(r.median)} | ${r.ratio.toFixed(2)} |`,
    );
  }
  await ctx.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
