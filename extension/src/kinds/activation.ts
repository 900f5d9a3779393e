import type { PlotlyElement } from "plotly.js-dist-min";
import { activationNames } from "actigrad/figure";
import type { ActivationPayload } from "actigrad/figure";
import { fmt } from "actigrad/figure";
import { fExtent, tangentHalf } from "actigrad/figure";
import type { Theme } from "../theme";
import { axis, baseLayout, h, plotText, type Host, type PlotlyFigure, type View } from "./common";

export const CURVES = [
  { key: "f", dash: "solid" },
  { key: "df", dash: "dash" },
  { key: "d2f", dash: "dot" },
] as const;
type CurveKey = (typeof CURVES)[number]["key"];

export interface ActivationState {
  show: Record<CurveKey, boolean>;
  /** The tangent lens: an index into x, or undefined when the pointer is away. */
  lens?: number;
}

/** f, f′, f″ in stacked rows sharing x; saturated regions shaded; the tangent lens at `state.lens`. */
export function activationPlot(p: ActivationPayload, state: ActivationState, t: Theme): PlotlyFigure {
  const shown = CURVES.filter((c) => state.show[c.key]);
  const rows = shown.length ? shown : [CURVES[0]];
  const gap = 0.07;
  const hRow = (1 - gap * (rows.length - 1)) / rows.length;
  const color = (k: number) => t.colors[k % t.colors.length];
  const data: object[] = [];
  const names = activationNames(p.xLabel);
  const layout = baseLayout(p.title, t, 150 + 190 * rows.length);
  rows.forEach((c, r) => {
    const yName = r === 0 ? "y" : `y${r + 1}`;
    const top = 1 - r * (hRow + gap);
    layout[r === 0 ? "yaxis" : `yaxis${r + 1}`] = axis(t, { domain: [top - hRow, top], title: { text: plotText(names[c.key]) } });
    p.series.forEach((s, k) => {
      data.push({
        type: "scatter",
        mode: "lines",
        name: plotText(s.label),
        legendgroup: s.id,
        showlegend: r === 0,
        x: p.x,
        y: s[c.key],
        xaxis: "x",
        yaxis: yName,
        line: { color: color(k), width: 2, dash: c.dash },
        // NB: no plotly hover label: the lens readout below the plot shows every value.
        hoverinfo: "none",
      });
    });
  });
  layout.xaxis = axis(t, { anchor: rows.length === 1 ? "y" : `y${rows.length}`, title: { text: plotText(names.axis) }, range: [p.x[0], p.x[p.x.length - 1]] });
  const shapes: object[] = [];
  p.series.forEach((s, k) => {
    for (const [x0, x1] of s.saturated ?? []) {
      shapes.push({ type: "rect", xref: "x", yref: "paper", x0, x1, y0: 0, y1: 1, fillcolor: color(k), opacity: 0.13, line: { width: 0 }, layer: "below" });
    }
  });
  const i = state.lens;
  if (i !== undefined && i >= 0 && i < p.x.length) {
    const x0 = p.x[i];
    shapes.push({ type: "line", xref: "x", yref: "paper", x0, x1: x0, y0: 0, y1: 1, line: { color: t.accent, width: 1, dash: "dot" } });
    const fRow = rows.findIndex((c) => c.key === "f");
    if (fRow >= 0) {
      const fRange = fExtent(p.series);
      p.series.forEach((s, k) => {
        const f0 = s.f[i];
        const d0 = s.df[i];
        if (!Number.isFinite(f0) || !Number.isFinite(d0)) return;
        const w = tangentHalf(p.x, f0, d0, fRange);
        const yName = fRow === 0 ? "y" : `y${fRow + 1}`;
        data.push({ type: "scatter", mode: "lines", x: [x0 - w, x0 + w], y: [f0 - d0 * w, f0 + d0 * w], xaxis: "x", yaxis: yName, line: { color: color(k), width: 2.5, dash: "dash" }, hoverinfo: "skip", showlegend: false, meta: "lens" });
      });
    }
    rows.forEach((c, r) => {
      const yName = r === 0 ? "y" : `y${r + 1}`;
      data.push({ type: "scatter", mode: "markers", x: p.series.map(() => x0), y: p.series.map((s) => s[c.key][i]), xaxis: "x", yaxis: yName, marker: { color: p.series.map((_, k) => color(k)), size: 8, line: { color: t.paper, width: 1 } }, hoverinfo: "skip", showlegend: false, meta: "lens" });
    });
  }
  // NB: dragging moves the lens (ActivationView.bind) instead of zooming; the modebar's zoom button still zooms.
  Object.assign(layout, { shapes, hovermode: "x", dragmode: false, uirevision: "activation" });
  return { data, layout };
}

/** The readout lines of the tangent lens at x index i (x named by the payload's xLabel, e.g. z₀). */
export function lensReadout(p: ActivationPayload, i: number): string[] {
  const x0 = p.x[i];
  const eps = p.epsilon ?? 0;
  const v = activationNames(p.xLabel).v;
  return [
    `${v}₀ = ${fmt(x0)}`,
    ...p.series.map((s) => {
      const sat = Math.abs(s.df[i]) < eps ? ` — saturated: |f′| < ${fmt(eps)}` : "";
      return `${s.label}: f(${v}₀) = ${fmt(s.f[i])}, f′(${v}₀) = ${fmt(s.df[i])}, f″(${v}₀) = ${fmt(s.d2f[i])}; tangent y = ${fmt(s.f[i])} + ${fmt(s.df[i])}·(${v} − ${fmt(x0)})${sat}`;
    }),
  ];
}

/** One readout line as phrases that wrap only between each other: "f′(x₀) = 0.25" never breaks inside. */
function readoutLine(line: string): HTMLElement {
  const div = h("div", "jp-RenderedActigrad-readout-line");
  line.split(/(?<=[,;]) /).forEach((phrase, k) => {
    if (k > 0) div.append(" ");
    div.append(h("span", "jp-RenderedActigrad-readout-phrase", phrase));
  });
  return div;
}

/** The index of the grid value nearest to x in the ascending grid `xs`. */
export function nearestIndex(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (!(x > xs[lo])) return lo;
  if (!(x < xs[hi])) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  return x - xs[lo] <= xs[hi] - x ? lo : hi;
}

/** What the renderer reads of plotly's laid-out x axis: its range and its pixel offset and length in the plot. */
interface LaidOutAxis {
  range: [number, number];
  _offset: number;
  _length: number;
}

/** Toggles for f, f′, f″; the formulas, typeset; the tangent lens following the pointer. */
export class ActivationView implements View<ActivationPayload> {
  private p!: ActivationPayload;
  private state: ActivationState = { show: { f: true, df: true, d2f: false } };
  private toggles = h("div", "jp-RenderedActigrad-toggles");
  private formulas = h("div", "jp-RenderedActigrad-formulas");
  private readout = h("div", "jp-RenderedActigrad-readout");
  private formulaKey = "";
  private initialised = false;

  constructor(private host: Host) {
    host.top.append(this.toggles, this.formulas);
    host.bottom.append(this.readout);
    this.readout.textContent = "Hover or drag along the plot: the tangent lens shows x₀, f, f′, f″ and the tangent line there.";
    for (const c of CURVES) {
      const label = h("label", "jp-RenderedActigrad-toggle");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.dataset.curve = c.key;
      box.addEventListener("change", () => {
        this.state.show[c.key] = box.checked;
        this.syncToggles();
        this.host.redraw();
      });
      const name = h("span", "jp-RenderedActigrad-toggle-name");
      name.dataset.curve = c.key;
      label.append(box, name);
      this.toggles.append(label);
    }
  }

  setPayload(p: ActivationPayload): void {
    this.p = p;
    if (!this.initialised && p.show) this.state.show = { ...p.show };
    this.initialised = true;
    if (this.state.lens !== undefined && this.state.lens >= p.x.length) this.state.lens = undefined;
    this.syncToggles();
    const key = JSON.stringify(p.series.map((s) => [s.label, s.latex]));
    if (key !== this.formulaKey) this.renderFormulas(key);
  }

  private syncToggles(): void {
    const names = activationNames(this.p?.xLabel);
    for (const span of Array.from(this.toggles.querySelectorAll<HTMLElement>(".jp-RenderedActigrad-toggle-name"))) span.textContent = ` ${names[span.dataset.curve as CurveKey]}`;
    const boxes = Array.from(this.toggles.querySelectorAll("input"));
    const on = boxes.filter((b) => this.state.show[b.dataset.curve as CurveKey]).length;
    for (const b of boxes) {
      b.checked = this.state.show[b.dataset.curve as CurveKey];
      b.disabled = b.checked && on === 1; // NB: keep at least one curve drawn
    }
  }

  private renderFormulas(key: string): void {
    this.formulaKey = key;
    this.formulas.replaceChildren();
    for (const s of this.p.series) {
      const row = h("div", "jp-RenderedActigrad-formula");
      row.append(h("span", "jp-RenderedActigrad-formula-label", `${s.label}:`));
      for (const k of ["f", "df", "d2f"] as const) {
        const tex = h("span", "jp-RenderedActigrad-tex", `\\(${s.latex[k]}\\)`);
        tex.dataset.curve = k;
        row.append(tex);
      }
      this.formulas.append(row);
    }
    // NB: only the formula spans are typeset; labels stay plain text. Without a typesetter the LaTeX shows as source.
    if (!this.host.typeset(this.formulas)) this.formulas.classList.add("jp-mod-raw");
  }

  figure(t: Theme): PlotlyFigure {
    return activationPlot(this.p, this.state, t);
  }

  /** Moves the lens to grid index i and writes its readout. */
  private moveLens(i: number): void {
    if (i === this.state.lens) return;
    this.state.lens = i;
    this.readout.replaceChildren(...lensReadout(this.p, i).map(readoutLine));
    this.readout.classList.add("jp-mod-active");
    this.host.redraw();
  }

  bind(gd: PlotlyElement): void {
    gd.on("plotly_hover", (e) => {
      const pt = e.points.find((q) => q.data.meta !== "lens");
      if (pt) this.moveLens(pt.pointIndex);
    });
    // Dragging along x moves the lens. NB: plotly sends no hover events while a button is down, so the
    // pointer's x is mapped to data through the laid-out x axis; only when the modebar has not chosen zoom or pan.
    const layout = () => (gd as unknown as { _fullLayout?: { dragmode?: unknown; xaxis?: LaidOutAxis } })._fullLayout;
    const dataX = (e: PointerEvent): number | undefined => {
      const full = layout();
      const xa = full?.xaxis;
      if (!xa || full.dragmode !== false || !(xa._length > 0)) return undefined;
      const px = e.clientX - gd.getBoundingClientRect().left - xa._offset;
      if (px < -4 || px > xa._length + 4) return undefined;
      return xa.range[0] + (px / xa._length) * (xa.range[1] - xa.range[0]);
    };
    const move = (e: PointerEvent) => {
      const x = dataX(e);
      if (x !== undefined) this.moveLens(nearestIndex(this.p.x, x));
    };
    const stop = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", stop);
      window.removeEventListener("pointercancel", stop);
    };
    gd.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || dataX(e) === undefined || !(e.target as Element).closest?.(".nsewdrag")) return;
      move(e);
      // NB: on window for the drag's duration only, so the pointer may leave the plot while dragging.
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", stop);
      window.addEventListener("pointercancel", stop);
    });
  }
}
