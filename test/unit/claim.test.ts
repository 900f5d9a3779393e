import { afterEach, describe, expect, it, vi } from "vitest";
import { acrossSeeds, claim, runSeed, seedBase } from "../../lib/src/claim";
import * as lib from "../../lib/src/index";

const saved = { seed: process.env.ACTIGRAD_SEED, claims: process.env.ACTIGRAD_CLAIMS };
afterEach(() => {
  for (const [k, v] of [
    ["ACTIGRAD_SEED", saved.seed],
    ["ACTIGRAD_CLAIMS", saved.claims],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.restoreAllMocks();
});

describe("claim", () => {
  it("prints ✓, the claim and its named numbers when it holds", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    claim("the loss falls", true, { before: 0.693147, after: 1.25e-5, steps: 300 });
    expect(log).toHaveBeenCalledWith("✓ the loss falls\n    before = 0.6931, after = 1.25e-5, steps = 300");
  });

  it("throws an Error naming the claim and its numbers when it does not", () => {
    expect(() => claim("ReLU ends 100× worse", false, "ratio 0.7")).toThrow(
      "claim failed: ReLU ends 100× worse [ratio 0.7]",
    );
  });

  it("names the seed base in the error when ACTIGRAD_SEED is set", () => {
    process.env.ACTIGRAD_SEED = "3";
    expect(() => claim("x", false)).toThrow("claim failed: x (ACTIGRAD_SEED=3)");
  });

  it("reports instead of throwing under ACTIGRAD_CLAIMS=report", () => {
    process.env.ACTIGRAD_CLAIMS = "report";
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    claim("x", false, { a: 1 });
    expect(log).toHaveBeenCalledWith("✗ claim failed: x [a = 1]");
  });

  it("rejects a non-boolean verdict, so a forgotten comparison cannot pass", () => {
    expect(() => claim("x", 1 as unknown as boolean)).toThrow(/ok must be a boolean/);
  });
});

describe("seeds", () => {
  it("default to base 0 and shift with ACTIGRAD_SEED", () => {
    delete process.env.ACTIGRAD_SEED;
    expect([seedBase(), runSeed(), runSeed(6)]).toEqual([0, 0, 6]);
    process.env.ACTIGRAD_SEED = "4";
    expect([seedBase(), runSeed(), runSeed(6)]).toEqual([4, 4, 10]);
  });

  it("reject a malformed ACTIGRAD_SEED with the valid choices", () => {
    process.env.ACTIGRAD_SEED = "-1";
    expect(() => seedBase()).toThrow(/ACTIGRAD_SEED must be a non-negative integer.*"-1"/);
    process.env.ACTIGRAD_SEED = "abc";
    expect(() => runSeed()).toThrow(/non-negative integer/);
  });

  it("acrossSeeds runs once per seed from the base and counts", () => {
    process.env.ACTIGRAD_SEED = "2";
    const runs = acrossSeeds(4, (s) => s * s);
    expect(runs.seeds).toEqual([2, 3, 4, 5]);
    expect(runs.values).toEqual([4, 9, 16, 25]);
    expect(runs.count((v) => v > 10)).toBe(2);
    expect(runs.count((_, s) => s % 2 === 0)).toBe(2);
    expect(() => acrossSeeds(0, (s) => s)).toThrow(/positive integer/);
  });

  it("are exported from the package", () => {
    expect(lib.claim).toBe(claim);
    expect(lib.acrossSeeds).toBe(acrossSeeds);
    expect(lib.runSeed).toBe(runSeed);
  });
});
