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

/** A DOM element with a class and literal text. */
export function h(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text; // NB: textContent, never innerHTML
  return e;
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
    return toPlotly(this.remember(this.layout(theme, width, [...this.hidden])), { fontFamily: FONT_FAMILY });
  }

  /** Keeps the scene drawn last, whose legend a click refers to. */
  protected remember(scene: Scene): Scene {
    return (this.scene = scene);
  }

  bind(gd: PlotlyElement): void {
    onLegendClick(
      gd,
      () => this.scene,
      (key) => {
        if (!this.hidden.delete(key)) this.hidden.add(key);
        this.host.redraw();
      },
    );
  }
}
