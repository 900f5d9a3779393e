import type { PlotlyElement } from "plotly.js-dist-min";
import type { Payload, PlotlyFigure, Scene } from "actigrad/figure";
import { plotText, toPlotly } from "actigrad/figure";
import type { Theme } from "../theme";

export type { PlotlyFigure };
export { plotText };

/** Lab's UI font for every text of a figure. */
export const FONT_FAMILY = "var(--jp-ui-font-family, sans-serif)";

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
  /** The figure for this theme, laid out for `width` px. */
  figure(t: Theme, width: number): PlotlyFigure;
  /** Hooks plotly events on the plot element, once, after its first draw. */
  bind(gd: PlotlyElement): void;
}

/** Calls `toggle` with the legend entry's key when the reader clicks its label (toPlotly names them "legend k"). */
export function onLegendClick(gd: PlotlyElement, scene: () => Scene | undefined, toggle: (key: string) => void): void {
  gd.on("plotly_clickannotation", (e) => {
    const m = /^legend (\d+)$/.exec(String(e.annotation?.name ?? ""));
    const entry = m ? scene()?.legend[Number(m[1])] : undefined;
    if (entry) toggle(entry.key);
  });
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

/**
 * A kind drawn from its lib scene: the view state is the reader's (hidden legend entries, and whatever a subclass
 * adds); the figure is toPlotly of the scene laid out for the theme and width. A legend click only changes the state.
 */
export abstract class SceneKindView<P extends Payload> implements View<P> {
  protected p!: P;
  protected hidden = new Set<string>();
  private scene: Scene | undefined;

  constructor(protected host: Host) {}

  setPayload(p: P): void {
    this.p = p;
  }

  /** The scene for this theme, width and the view state. */
  protected abstract layout(theme: Theme, width: number, hidden: string[]): Scene;

  figure(theme: Theme, width: number): PlotlyFigure {
    this.scene = this.layout(theme, width, [...this.hidden]);
    return toPlotly(this.scene, { fontFamily: FONT_FAMILY });
  }

  bind(gd: PlotlyElement): void {
    onLegendClick(gd, () => this.scene, (key) => {
      if (!this.hidden.delete(key)) this.hidden.add(key);
      this.host.redraw();
    });
  }
}
