// Claims a notebook makes, checked where they are made: `claim` prints ✓ and its numbers or throws, and
// `acrossSeeds` repeats a training run over seeds so a claim about training states how often it held.

/** The environment variable that shifts every seed a notebook takes from `runSeed()` and `acrossSeeds()`. */
export const SEED_ENV = "ACTIGRAD_SEED";
/** Set to "report" to print failed claims as ✗ lines instead of throwing (to list every failure in one run). */
export const CLAIMS_ENV = "ACTIGRAD_CLAIMS";

/** Numbers behind a claim: free text, or named values printed as `name = value`. */
export type ClaimNumbers = string | Record<string, number | string | boolean>;

function env(name: string): string | undefined {
  // NB: read through globalThis so the module also loads where `process` does not exist (a browser bundle)
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.[name];
}

// NB: lib compiles without DOM or Node types; console is looked up at call time so tests can spy on it
function print(line: string): void {
  (globalThis as unknown as { console: { log(s: string): void } }).console.log(line);
}

/** The seed base: ACTIGRAD_SEED as a non-negative integer, 0 when unset. */
export function seedBase(): number {
  const raw = env(SEED_ENV);
  if (raw === undefined || raw.trim() === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31) {
    throw new Error(`${SEED_ENV} must be a non-negative integer such as 0 or 3, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** The seed for one run: `offset` shifted by the seed base, so `runSeed(6)` is 6 unless ACTIGRAD_SEED is set. */
export function runSeed(offset = 0): number {
  if (!Number.isInteger(offset) || offset < 0)
    throw new Error(`runSeed(offset): offset must be a non-negative integer, got ${offset}`);
  return seedBase() + offset;
}

function show(v: number | string | boolean): string {
  if (typeof v !== "number") return String(v);
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

function formatNumbers(numbers: ClaimNumbers | undefined): string {
  if (numbers === undefined) return "";
  if (typeof numbers === "string") return numbers;
  return Object.entries(numbers)
    .map(([k, v]) => `${k} = ${show(v)}`)
    .join(", ");
}

/**
 * Check a claim: print `✓ text` and its numbers, or throw an Error naming the claim, its numbers and the seed base
 * (which fails the notebook's test). With ACTIGRAD_CLAIMS=report a failed claim prints `✗ claim failed: …` instead.
 */
export function claim(text: string, ok: boolean, numbers?: ClaimNumbers): void {
  if (typeof text !== "string" || text === "")
    throw new Error("claim(text, ok, numbers): text must be a non-empty string");
  if (typeof ok !== "boolean") throw new Error(`claim "${text}": ok must be a boolean, got ${typeof ok}`);
  const shown = formatNumbers(numbers);
  if (ok) {
    print(`✓ ${text}${shown ? `\n    ${shown}` : ""}`);
    return;
  }
  const base = seedBase();
  const message = `claim failed: ${text}${shown ? ` [${shown}]` : ""}${base ? ` (${SEED_ENV}=${base})` : ""}`;
  if (env(CLAIMS_ENV) === "report") print(`✗ ${message}`);
  else throw new Error(message);
}

/** The outcome of one run per seed: the seeds, each run's value, and how many runs satisfy a test. */
export interface SeedRuns<T> {
  seeds: number[];
  values: T[];
  /** How many runs satisfy `test`. */
  count(test: (value: T, seed: number) => boolean): number;
}

/** Run `fn` once per seed, for seeds seedBase() + 0 … n − 1, and collect what each run returns. */
export function acrossSeeds<T>(n: number, fn: (seed: number) => T): SeedRuns<T> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`acrossSeeds(n, fn): n must be a positive integer, got ${n}`);
  if (typeof fn !== "function") throw new Error("acrossSeeds(n, fn): fn must be a function of the seed");
  const base = seedBase();
  const seeds = Array.from({ length: n }, (_, k) => base + k);
  const values = seeds.map((s) => fn(s));
  return { seeds, values, count: (test) => values.filter((v, k) => test(v, seeds[k])).length };
}
