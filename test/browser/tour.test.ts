import fs from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchChromium, openNotebook, runAllCells, startLab, type Lab } from "./harness";

describe("the tour notebook in JupyterLab", () => {
  let lab: Lab;
  let chrome: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    lab = await startLab(["00-tour.ipynb"]);
    chrome = await launchChromium();
  });

  afterAll(async () => {
    await chrome?.close();
    await lab?.stop();
  });

  it("draws the figure with our plotly renderer, not the SVG fallback", async () => {
    const page = await chrome.context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openNotebook(page, lab, "00-tour.ipynb");
    await runAllCells(page);
    const figure = page.locator(".jp-OutputArea-output.jp-RenderedActigrad").first();
    await figure.locator(".js-plotly-plot .main-svg").first().waitFor({ timeout: 60_000 });
    // Two activations × (f, f′) → four plotly line traces.
    const lines = await figure
      .locator(".js-plotly-plot")
      .evaluate((el: any) => el.data.filter((d: { meta?: string }) => d.meta === "line").length);
    expect(lines).toBe(4);
    expect(await page.locator(".jp-OutputArea-output.jp-RenderedSVG").count()).toBe(0);
    await figure.scrollIntoViewIfNeeded();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "tour.png"), fullPage: false });
    expect(dialogs).toEqual([]);
  });
});
