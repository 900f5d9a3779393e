import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { validatePayload } from "actigrad/dist/figure/validate";
import { toPlotly } from "./plot";
import { currentTheme } from "./theme";

const MIME_TYPE = "application/vnd.actigrad.v1+json";
const CLASS_NAME = "jp-RenderedActigrad";

type Plotly = typeof import("plotly.js-dist-min");
let plotly: Promise<Plotly> | undefined;
/** plotly.js is large, so it is loaded on first use and only once. */
function loadPlotly(): Promise<Plotly> {
  return (plotly ??= import("plotly.js-dist-min"));
}

/** Draws one actigrad payload with plotly; an invalid payload becomes an error box. */
export class ActigradWidget extends Widget implements IRenderMime.IRenderer {
  private plot = document.createElement("div");
  private payload: unknown;
  private observer = new MutationObserver(() => void this.draw());

  constructor(private options: IRenderMime.IRendererOptions) {
    super();
    this.addClass(CLASS_NAME);
    this.node.appendChild(this.plot);
    this.observer.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light"] });
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.payload = model.data[this.options.mimeType];
    await this.draw();
  }

  private async draw(): Promise<void> {
    let fig;
    try {
      fig = toPlotly(validatePayload(this.payload), currentTheme());
    } catch (e) {
      this.showError((e as Error).message);
      return;
    }
    const Plotly = await loadPlotly();
    this.node.querySelector(".jp-RenderedActigrad-error")?.remove();
    await Plotly.react(this.plot, fig.data, fig.layout, { responsive: true, displaylogo: false });
    this.node.dataset.drawn = String(performance.now());
  }

  private showError(message: string): void {
    const box = document.createElement("div");
    box.className = "jp-RenderedActigrad-error";
    // NB: textContent, never innerHTML: the message may quote payload text.
    box.textContent = `actigrad: cannot draw this figure: ${message}`;
    this.node.replaceChildren(box);
  }

  protected override onResize(): void {
    if (this.node.dataset.drawn) void loadPlotly().then((P) => P.Plots.resize(this.plot));
  }

  override dispose(): void {
    this.observer.disconnect();
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
