import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import type { Payload } from "actigrad/figure";
import { validatePayload } from "actigrad/figure";
import { ActivationView } from "./kinds/activation";
import { h, type Host, type View } from "./kinds/common";
import { CurvesView } from "./kinds/curves";
import { LandscapeView } from "./kinds/landscape";
import { NetworkView } from "./kinds/network";
import { TrainingView } from "./kinds/training";
import { currentTheme, isLight } from "./theme";

const MIME_TYPE = "application/vnd.actigrad.v1+json";
const CLASS_NAME = "jp-RenderedActigrad";

type Plotly = typeof import("plotly.js-dist-min");
let plotly: Promise<Plotly> | undefined;
/** plotly.js is large, so it is loaded on first use and only once. */
function loadPlotly(): Promise<Plotly> {
  return (plotly ??= import("plotly.js-dist-min"));
}

const VIEWS: { [K in Payload["kind"]]: new (host: Host) => View<Extract<Payload, { kind: K }>> } = {
  activation: ActivationView,
  network: NetworkView,
  training: TrainingView,
  landscape: LandscapeView,
  curves: CurvesView,
};

/** Whether `el` is in the document and laid out: what plotly requires of a plot it resizes. */
function displayed(el: HTMLElement): boolean {
  return el.isConnected && el.getClientRects().length > 0;
}

/**
 * Draws one actigrad payload with plotly; an invalid payload becomes an error box naming the problem.
 * Re-renders (live `update_display_data`) reuse the view and the plot and go through Plotly.react.
 * `data-*` attributes on the node report what was drawn, for tests and curious readers.
 */
export class ActigradWidget extends Widget implements IRenderMime.IRenderer {
  private top = h("div", `${CLASS_NAME}-top`);
  private plot = h("div", `${CLASS_NAME}-plot`);
  private bottom = h("div", `${CLASS_NAME}-bottom`);
  private error = h("div", `${CLASS_NAME}-error`);
  private view: View | undefined;
  private kind: string | undefined;
  private bound = false;
  private light = isLight();
  private pending = false;
  private drawing: Promise<void> | undefined;
  private arrived = 0;
  private observer = new MutationObserver(() => {
    if (isLight() !== this.light) this.redraw();
  });
  // NB: Lab detaches and hides outputs (notebook windowing, a reopened notebook laying out, a closed tab),
  // and Plotly.Plots.resize throws on a plot that is not displayed; such a plot is resized when it shows again.
  private resizer = new ResizeObserver(() => {
    if (!this.node.dataset.drawn || !displayed(this.plot)) return;
    void loadPlotly().then((P) => {
      // NB: plotly rejects (not throws) for a plot hidden in the meantime; that plot is resized when it shows again.
      if (displayed(this.plot) && !this.isDisposed) return Promise.resolve(P.Plots.resize(this.plot)).catch(() => undefined);
    });
  });

  constructor(private options: IRenderMime.IRendererOptions) {
    super();
    this.addClass(CLASS_NAME);
    this.error.hidden = true;
    this.node.append(this.error, this.top, this.plot, this.bottom);
    this.observer.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light"] });
    this.resizer.observe(this.node);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.arrived = performance.now();
    let p: Payload;
    try {
      p = validatePayload(model.data[this.options.mimeType]);
    } catch (e) {
      this.showError((e as Error).message);
      return;
    }
    this.error.hidden = true;
    this.node.classList.remove("jp-mod-error");
    if (p.kind !== this.kind) {
      this.top.replaceChildren();
      this.bottom.replaceChildren();
      this.view = new VIEWS[p.kind](this.host) as View;
      this.kind = p.kind;
      this.node.dataset.kind = p.kind;
    }
    this.view!.setPayload(p);
    await this.redraw();
  }

  private host: Host = {
    top: this.top,
    bottom: this.bottom,
    redraw: () => void this.redraw(),
    typeset: (el) => {
      const ts = this.options.latexTypesetter;
      if (!ts) return false;
      void ts.typeset(el);
      return true;
    },
  };

  /**
   * Draws the current state. NB: calls arriving while a draw is in flight coalesce into one
   * more draw of the latest state, so a flood of live updates never queues stale frames.
   */
  private redraw(): Promise<void> {
    this.pending = true;
    return (this.drawing ??= this.drawLoop().finally(() => (this.drawing = undefined)));
  }

  private async drawLoop(): Promise<void> {
    const P = await loadPlotly();
    while (this.pending && this.view && !this.isDisposed) {
      this.pending = false;
      const t0 = this.arrived;
      const theme = currentTheme();
      this.light = theme.light;
      const fig = this.view.figure(theme);
      const gd = await P.react(this.plot, fig.data, fig.layout, { responsive: true, displaylogo: false });
      if (!this.bound) {
        this.view.bind(gd);
        this.bound = true;
      }
      const now = performance.now();
      const d = this.node.dataset;
      d.theme = theme.light ? "light" : "dark";
      d.drawn = String(now);
      d.renderMs = (now - t0).toFixed(1);
      d.draws = String(Number(d.draws ?? 0) + 1);
    }
  }

  private showError(message: string): void {
    // NB: textContent, never innerHTML: the message may quote payload text.
    this.error.textContent = `actigrad: cannot draw this figure: ${message}`;
    this.error.hidden = false;
    this.node.classList.add("jp-mod-error");
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.observer.disconnect();
    this.resizer.disconnect();
    if (plotly && this.node.dataset.drawn) void plotly.then((P) => P.purge(this.plot));
    super.dispose();
  }
}

export const rendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [MIME_TYPE],
  createRenderer: (options) => new ActigradWidget(options),
};

const extension: IRenderMime.IExtension = {
  id: "@actigrad/jupyterlab-renderer:plugin",
  rendererFactory,
  // NB: rank 0 beats the core SVG renderer (80), so Lab draws our figure and export keeps the SVG.
  rank: 0,
  dataType: "json",
  documentWidgetFactoryOptions: [],
};

export default extension;
