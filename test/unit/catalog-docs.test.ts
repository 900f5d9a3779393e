// The generated catalog page (scripts/gen-catalog-docs.mjs) covers the whole table and links a plot per entry.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOG, VECTOR_CATALOG } from "../../lib/src/catalog/public";

const page = readFileSync(new URL("../../docs/activations.md", import.meta.url), "utf8");

describe("docs/activations.md", () => {
  it.each(CATALOG.map((e) => [e.id, e] as const))("has a section for %s with its formulas and plot", (id, e) => {
    const stale = `docs/activations.md is out of date for ${id}: run \`npm run references\` (or \`npm run docs:catalog\`)`;
    expect(page, stale).toContain(`## ${e.label} — \`${id}\``);
    for (const tex of [e.latex.f, e.latex.df, e.latex.d2f]) expect(page, stale).toContain(`$$${tex}$$`);
    expect(page, stale).toContain(`](activations/${id}.svg)`);
    const svg = readFileSync(new URL(`../../docs/activations/${id}.svg`, import.meta.url), "utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect((svg.match(/<path d="M/g) ?? []).length).toBe(2); // f and f′
  });

  it("covers the vector activations and is linked from the README", () => {
    for (const e of VECTOR_CATALOG) expect(page).toContain(`\`${e.id}\` (vector)`);
    expect(readFileSync(new URL("../../README.md", import.meta.url), "utf8")).toContain("docs/activations.md");
    expect(existsSync(new URL("../../docs/activations/step.svg", import.meta.url))).toBe(true);
  });
});
