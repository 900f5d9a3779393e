import type { PlotlyElement } from "plotly.js-dist-min";
import type { Payload } from "actigrad/figure";
import type { Theme } from "../theme";

/** A plotly figure: traces and layout. */
export interface PlotlyFigure {
  data: object[];
  layout: Record<string, unknown>;
}

/** What a view may use of the widget around the plot. */
export interface Host {
  /** Above the plot: controls and the progress line. */
  top: HTMLElement;
  /** Below the plot: readouts (tangent lens, paths). */
  bottom: HTMLElement;
  /** Draws again with the view's current state. */
  redraw(): void;
  /** JupyterLab's LaTeX typesetter on `el`, if Lab has one. */
  typeset(el: HTMLElement): boolean;
}

/** One figure kind in Lab: keeps its interactive state across payload updates and theme changes. */
export interface View<P extends Payload = Payload> {
  setPayload(p: P): void;
  figure(t: Theme): PlotlyFigure;
  /** Hooks plotly events on the plot element, once, after its first draw. */
  bind(gd: PlotlyElement): void;
}

/**
 * Text for plotly, shown literally. NB: plotly parses a subset of HTML in titles, names and
 * hover labels and decodes entities, so escaping & < > turns any label into inert literal text.
 */
export function plotText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An axis styled for the theme. */
export function axis(t: Theme, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { gridcolor: t.grid, zerolinecolor: t.grid, linecolor: t.grid, color: t.text, automargin: true, ...extra };
}

/** The layout every kind shares: theme colours, a title, a fixed height, autosized width. */
export function baseLayout(title: string, t: Theme, height: number): Record<string, unknown> {
  return {
    title: { text: plotText(title), font: { size: 15 } },
    paper_bgcolor: t.paper,
    plot_bgcolor: t.paper,
    font: { color: t.text, family: "var(--jp-ui-font-family, sans-serif)" },
    margin: { l: 60, r: 20, t: 50, b: 90 },
    height,
    autosize: true,
    legend: legendBelow(height, 50, 90, t),
    hoverlabel: { namelength: -1 },
  };
}

/** A horizontal legend about 55 px under the plot area, below the x-axis title, whatever the figure's height. */
export function legendBelow(height: number, top: number, bottom: number, t: Theme): Record<string, unknown> {
  return { orientation: "h", x: 0, xanchor: "left", y: -55 / Math.max(1, height - top - bottom), yanchor: "top", font: { color: t.text } };
}

/** A subplot title placed over a column, as an annotation (text, not HTML). */
export function subplotTitle(text: string, xDomain: [number, number], t: Theme, y = 1.02): Record<string, unknown> {
  return { text: `<b>${plotText(text)}</b>`, x: xDomain[0], xref: "paper", xanchor: "left", y, yref: "paper", yanchor: "bottom", showarrow: false, font: { color: t.text, size: 12 } };
}

/** A DOM element with a class and literal text. */
export function h(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text; // NB: textContent, never innerHTML
  return e;
}

/**
 * Values for a log axis: those ≤ 0 become null, a gap. NB: plotly would draw them as a dive off the
 * bottom of the plot; the static SVG leaves a gap, and both must show the same thing.
 */
export function onLogAxis(values: readonly number[], log: boolean): readonly (number | null)[] {
  return log && values.some((v) => !(v > 0)) ? values.map((v) => (v > 0 ? v : null)) : values;
}
