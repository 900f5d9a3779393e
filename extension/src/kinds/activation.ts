import type { PlotlyElement } from "plotly.js-dist-min";
import type { ActivationPayload, Scene } from "actigrad/figure";
import { activationNames, activationScene, CURVES, fmt, toPlotly, type CurveKey } from "actigrad/figure";
import type { Theme } from "../theme";
import { FONT_FAMILY, h, SceneKindView, type Host, type PlotlyFigure } from "./common";

/** The reader's state: which curves have a panel, and the tangent lens (an x index, or undefined when the pointer is away). */
export interface ActivationState {
  show: Record<CurveKey, boolean>;
  lens?: number;
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

/** What the renderer reads of plotly's laid-out x axes: range, and pixel offset and length in the plot. */
interface LaidOutAxis {
  range: [number, number];
  _offset: number;
  _length: number;
}

/** Toggles for f, f′, f″; the formulas, typeset; the tangent lens following the pointer. All of it is view state. */
export class ActivationView extends SceneKindView<ActivationPayload> {
  private state: ActivationState = { show: { f: true, df: true, d2f: false } };
  private toggles = h("div", "jp-RenderedActigrad-toggles");
  private formulas = h("div", "jp-RenderedActigrad-formulas");
  private readout = h("div", "jp-RenderedActigrad-readout");
  private formulaKey = "";
  private initialised = false;

  constructor(host: Host) {
    super(host);
    host.top.append(this.toggles, this.formulas);
    host.bottom.append(this.readout);
    this.readout.textContent =
      "Hover or drag along the plot: the tangent lens shows x₀, f, f′, f″ and the tangent line there.";
    for (const c of CURVES) {
      const label = h("label", "jp-RenderedActigrad-toggle");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.dataset.curve = c;
      box.addEventListener("change", () => {
        // NB: a panel's appearing or going moves the others: the lens stays at its x.
        this.state.show[c] = box.checked;
        this.syncToggles();
        this.host.redraw();
      });
      const name = h("span", "jp-RenderedActigrad-toggle-name");
      name.dataset.curve = c;
      label.append(box, name);
      this.toggles.append(label);
    }
  }

  override setPayload(p: ActivationPayload): void {
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
    for (const span of Array.from(this.toggles.querySelectorAll<HTMLElement>(".jp-RenderedActigrad-toggle-name")))
      span.textContent = ` ${names[span.dataset.curve as CurveKey]}`;
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

  protected layout(theme: Theme, width: number, hidden: string[]): Scene {
    return activationScene(this.p, { theme, width, hidden, show: this.state.show, lens: this.state.lens });
  }

  override figure(theme: Theme, width: number): PlotlyFigure {
    // NB: no plotly hover labels: the lens readout below the plot shows every value.
    return toPlotly(this.remember(this.layout(theme, width, [...this.hidden])), {
      fontFamily: FONT_FAMILY,
      hoverLabels: false,
    });
  }

  /** Moves the lens to grid index i and writes its readout. */
  private moveLens(i: number): void {
    if (i === this.state.lens) return;
    this.state.lens = i;
    this.readout.replaceChildren(...lensReadout(this.p, i).map(readoutLine));
    this.readout.classList.add("jp-mod-active");
    this.host.redraw();
  }

  override bind(gd: PlotlyElement): void {
    super.bind(gd);
    // Hovering or dragging anywhere along x moves the lens. NB: the pointer's x is mapped to data through the laid-out
    // x axis, not through plotly's hover events: those come only near a point (hovermode "closest") and never while a
    // button is down. Only when the modebar has not chosen zoom or pan.
    const layout = () =>
      (gd as unknown as { _fullLayout?: Record<string, unknown> & { dragmode?: unknown } })._fullLayout;
    // NB: every panel shares the x range; the pointer's panel is the one whose x axis spans it.
    const dataX = (e: PointerEvent): number | undefined => {
      const full = layout();
      if (!full || full.dragmode !== false) return undefined;
      const at = e.clientX - gd.getBoundingClientRect().left;
      for (const key of ["xaxis", "xaxis2", "xaxis3"]) {
        const xa = full[key] as LaidOutAxis | undefined;
        if (!xa || !(xa._length > 0)) continue;
        const px = at - xa._offset;
        if (px >= -4 && px <= xa._length + 4)
          return xa.range[0] + (Math.min(xa._length, Math.max(0, px)) / xa._length) * (xa.range[1] - xa.range[0]);
      }
      return undefined;
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
    gd.addEventListener("pointermove", (e) => {
      if (e.buttons === 0 && (e.target as Element).closest?.(".nsewdrag")) move(e);
    });
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
