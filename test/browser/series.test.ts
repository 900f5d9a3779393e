// Every figure the notebook series displays, drawn by our renderer in a real JupyterLab: no two texts overlap and
// none leaves its figure, as Chromium lays them out. The payloads are the ones the series really displayed, left in
// test/artifacts by test/python/test_notebooks.py (npm test runs it before this suite).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  launchChromium,
  openNotebook,
  runAllCells,
  startLab,
  textClashes,
  writeNotebook,
  type Lab,
} from "./harness";

const PAYLOADS = path.join(ARTIFACTS, "series-payloads.jsonl");
const NB = "series.ipynb";

describe("the notebook series' figures in JupyterLab", () => {
  let lab: Lab;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const pageErrors: string[] = [];
  let where: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(PAYLOADS))
      throw new Error(`${PAYLOADS} is missing: test/python/test_notebooks.py writes it (npm test runs it first)`);
    where = fs
      .readFileSync(PAYLOADS, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l).where);
    lab = await startLab([]);
    // NB: the kernel reads the payloads from disk, so the notebook stays small and tslab has no literal to type-check.
    // One cell per notebook of the series (Lab shows at most 50 outputs of a cell).
    const notebooks = [...new Set(where.map((w) => w.split(" ")[0]))];
    writeNotebook(lab, NB, [
      `import { displayBundle } from "actigrad";
import { readFileSync } from "fs";
const lines = readFileSync(${JSON.stringify(PAYLOADS)}, "utf8").split("\\n").filter(Boolean).map((l) => JSON.parse(l));
function figuresOf(name: string) {
  for (const { where, payload } of lines)
    if (where.startsWith(name + " ")) displayBundle({ "application/vnd.actigrad.v1+json": payload, "text/plain": where });
}`,
      ...notebooks.map((name) => `figuresOf(${JSON.stringify(name)});`),
    ]);
    chrome = await launchChromium();
    page = await chrome.context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await openNotebook(page, lab, NB);
    await runAllCells(page);
    // Every output is either drawn or an error box (which the test then names).
    const settled = () =>
      page.evaluate(() => ({
        outputs: document.querySelectorAll(".jp-OutputArea-output").length,
        figures: document.querySelectorAll(".jp-RenderedActigrad").length,
        settled: document.querySelectorAll(".jp-RenderedActigrad[data-drawn], .jp-RenderedActigrad.jp-mod-error")
          .length,
        text: (document.querySelector(".jp-OutputArea")?.textContent ?? "").slice(0, 500),
      }));
    const t0 = Date.now();
    let state = await settled();
    while (state.settled < where.length && Date.now() - t0 < 120_000) {
      await page.waitForTimeout(500);
      state = await settled();
    }
    if (state.settled < where.length) throw new Error(`not every figure settled: ${JSON.stringify(state)}`);
  });

  afterAll(async () => {
    await chrome?.close();
    await lab?.stop();
  });

  it("draws every figure, with no overlapping text and none outside its figure", async () => {
    expect(where.length).toBeGreaterThan(40);
    const figures = page.locator(".jp-OutputArea-output.jp-RenderedActigrad");
    expect(await figures.count()).toBe(where.length);
    const errors = await page.locator(".jp-RenderedActigrad.jp-mod-error").allTextContents();
    expect(errors).toEqual([]);
    const report: string[] = [];
    let texts = 0;
    for (const [i, f] of (await figures.all()).entries()) {
      await f.scrollIntoViewIfNeeded(); // NB: Lab skips laying out cells out of view
      const { n, out } = await f.locator(".js-plotly-plot").evaluate(textClashes);
      texts += n;
      const kind = await f.getAttribute("data-kind");
      report.push(...out.map((o) => `${where[i]} (${kind}): ${o}`));
    }
    fs.writeFileSync(
      path.join(ARTIFACTS, "series-lab-texts.txt"),
      `${where.length} figures, ${texts} texts checked\n${report.join("\n")}\n`,
    );
    expect(texts).toBeGreaterThan(where.length * 10);
    expect(report).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
