import type { PlotlyElement } from "plotly.js-dist-min";
import type { NetworkExplanation, NetworkPayload, PlacedNode } from "actigrad/figure";
import { NETWORK_LABEL_SIZE, networkScene } from "actigrad/figure";
import { pathFormula } from "actigrad/figure";
import { fmt } from "actigrad/figure";
import type { Theme } from "../theme";
import { FONT_FAMILY, h, plotText, type Host, type PlotlyFigure, type View } from "./common";

export interface NetworkState {
  /** The chosen parameter, whose paths are highlighted. */
  selected?: string;
  /** One path of it to highlight alone (hovered in the list), or undefined for all. */
  focus?: number;
}

const FILL_LIGHT: Record<PlacedNode["role"], string> = {
  input: "#dbe6f3",
  param: "#fbd9bf",
  op: "#eeeeee",
  loss: "#d5ebcf",
};
const FILL_DARK: Record<PlacedNode["role"], string> = {
  input: "#2c4160",
  param: "#6b4122",
  op: "#3a3a3a",
  loss: "#2e5228",
};

/**
 * The graph drawn from the same scene as the static SVG: pills as shapes, edges clipped to them, value and edge
 * labels where the scene placed them (collision-free at its design width; a wider output only spreads them).
 * NB: the axes are the scene's pixels, y downwards; labels sit at their box's middle, the SVG's baseline − 0.3 em.
 */
export function networkPlot(p: NetworkPayload, state: NetworkState, t: Theme, width?: number): PlotlyFigure {
  const scene = networkScene(p, { selected: state.selected, focus: state.focus });
  const mid = (l: { y: number }) => l.y - 0.3 * NETWORK_LABEL_SIZE;
  const cold = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const warm = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const mids = {
    x: [] as number[],
    y: [] as number[],
    text: [] as string[],
    hover: [] as string[],
    color: [] as string[],
  };
  for (const e of scene.edges) {
    const line = e.hot ? warm : cold;
    line.x.push(e.x1, e.x2, null);
    line.y.push(e.y1, e.y2, null);
    // NB: an edge whose label found no room keeps its hover target at the edge's middle.
    mids.x.push(e.label?.x ?? (e.x1 + e.x2) / 2);
    mids.y.push(e.label ? mid(e.label) : (e.y1 + e.y2) / 2);
    mids.text.push(e.label ? plotText(e.label.text) : "");
    mids.hover.push(plotText(e.fullLabel));
    mids.color.push(e.hot ? t.accent : t.muted);
  }
  const fill = t.light ? FILL_LIGHT : FILL_DARK;
  const nodes = scene.nodes;
  const values = nodes.filter((n) => n.value);
  const data: object[] = [
    {
      type: "scatter",
      mode: "lines",
      x: cold.x,
      y: cold.y,
      line: { color: t.muted, width: 1.3 },
      hoverinfo: "skip",
      showlegend: false,
    },
    {
      type: "scatter",
      mode: "lines",
      x: warm.x,
      y: warm.y,
      line: { color: t.accent, width: 3.5 },
      hoverinfo: "skip",
      showlegend: false,
    },
    {
      type: "scatter",
      mode: "markers+text",
      x: mids.x,
      y: mids.y,
      text: mids.text,
      textposition: "middle center",
      textfont: { size: NETWORK_LABEL_SIZE, color: mids.color },
      marker: { size: 12, opacity: 0 },
      hovertext: mids.hover,
      hoverinfo: "text",
      showlegend: false,
      meta: "edges",
    },
    {
      type: "scatter",
      mode: "markers+text",
      x: nodes.map((n) => n.x),
      y: nodes.map((n) => n.y),
      text: nodes.map((n) => `<b>${plotText(n.label)}</b>`),
      textfont: { color: t.text, size: 11 },
      customdata: nodes.map((n) => n.node.id),
      // NB: the pill is a shape under this square of its own fill: the square is the hover and click target.
      marker: {
        symbol: "square",
        size: 22,
        color: nodes.map((n) => fill[n.node.role]),
        line: { color: nodes.map((n) => (n.node.id === state.selected ? t.accent : t.muted)), width: 0 },
      },
      hovertext: nodes.map(({ node: n }) =>
        plotText(
          `${n.label}${n.op ? ` (${n.op})` : ""}: value ${fmt(n.value, 6)}, ∂loss/∂${n.label} = ${fmt(n.grad, 6)}${n.role === "param" ? " (click to explain)" : ""}`,
        ),
      ),
      hoverinfo: "text",
      showlegend: false,
      meta: "nodes",
    },
    {
      type: "scatter",
      mode: "text",
      x: values.map((n) => n.value!.x),
      y: values.map((n) => mid(n.value!)),
      text: values.map((n) => plotText(n.value!.text)),
      textfont: { size: NETWORK_LABEL_SIZE, color: t.muted },
      hoverinfo: "skip",
      showlegend: false,
    },
  ];
  const shapes = nodes.map((n) => ({
    type: "rect",
    layer: "below",
    x0: n.x - n.w / 2,
    x1: n.x + n.w / 2,
    y0: n.y - n.h / 2,
    y1: n.y + n.h / 2,
    fillcolor: fill[n.node.role],
    line: { color: n.node.id === state.selected ? t.accent : t.muted, width: n.node.id === state.selected ? 2.5 : 1 },
  }));
  const hidden = { showgrid: false, zeroline: false, showticklabels: false, fixedrange: true };
  const [top, bottom] = [44, 6];
  // NB: the output's width (view state) when known; the scene's pixels stretch to it, and labels only spread apart.
  const layout: Record<string, unknown> = {
    title: { text: plotText(p.title), font: { size: 15 } },
    paper_bgcolor: t.paper,
    plot_bgcolor: t.paper,
    font: { color: t.text, family: FONT_FAMILY },
    height: scene.height + top + bottom,
    ...(width ? { width: Math.max(width, scene.width), autosize: false } : { autosize: true }),
    showlegend: false,
    hoverlabel: { namelength: -1 },
  };
  Object.assign(layout, {
    xaxis: { ...hidden, range: [0, scene.width] },
    yaxis: { ...hidden, range: [scene.height, 0] },
    shapes,
    hovermode: "closest",
    dragmode: false,
    margin: { l: 0, r: 0, t: top, b: bottom },
  });
  return { data, layout };
}

/** The explanation as lines of text: one per path with its product, then the sum against backward's gradient. */
export function explanationLines(
  p: NetworkPayload,
  x: NetworkExplanation,
): { head: string; paths: string[]; more?: string; sum: string; agrees: boolean } {
  const loss = p.nodes.find((n) => n.role === "loss")?.label ?? "loss";
  const label = (id: string) => p.nodes.find((n) => n.id === id)?.label ?? id;
  const agrees = Math.abs(x.sum - x.grad) <= 1e-9 * Math.max(1, Math.abs(x.grad));
  return {
    head: `∂${loss}/∂${x.paramLabel} by the chain rule: one product of local derivatives per path from ${x.paramLabel} to ${loss}, summed over the paths`,
    paths: x.paths.map((path) => `${path.nodes.map(label).join(" → ")}:  ${pathFormula(path)}`),
    more: x.omitted
      ? `… and ${x.omitted} smaller path${x.omitted === 1 ? "" : "s"}, not listed (their products are in the sum)`
      : undefined,
    sum: `Σ paths = ${fmt(x.sum, 10)}   backward() gives ∂${loss}/∂${x.paramLabel} = ${fmt(x.grad, 10)}   ${agrees ? "✓ equal" : "✗ differ"}`,
    agrees,
  };
}

/** A parameter picker (also: click a parameter node); the chosen parameter's paths listed with their products. */
export class NetworkView implements View<NetworkPayload> {
  private p!: NetworkPayload;
  private state: NetworkState = {};
  private picker = document.createElement("select");
  private paths = h("div", "jp-RenderedActigrad-paths");
  private listKey = "";

  constructor(private host: Host) {
    const label = h("label", "jp-RenderedActigrad-picker", "Explain the gradient of ");
    label.append(this.picker);
    host.top.append(label);
    host.bottom.append(this.paths);
    this.picker.addEventListener("change", () => this.choose(this.picker.value));
  }

  setPayload(p: NetworkPayload): void {
    this.p = p;
    const params = p.explanations.map((x) => x.param);
    if (!this.state.selected || !params.includes(this.state.selected)) this.state.selected = p.selected ?? params[0];
    this.picker.replaceChildren(
      ...p.explanations.map((x) => {
        const o = document.createElement("option");
        o.value = x.param;
        o.textContent = x.paramLabel;
        return o;
      }),
    );
    this.picker.value = this.state.selected ?? "";
    this.picker.disabled = params.length === 0;
    this.renderPaths();
  }

  private choose(param: string): void {
    if (param === this.state.selected || !this.p.explanations.some((x) => x.param === param)) return;
    this.state = { selected: param };
    this.picker.value = param;
    this.renderPaths();
    this.host.redraw();
  }

  private renderPaths(): void {
    const x = this.p.explanations.find((e) => e.param === this.state.selected);
    const key = JSON.stringify(x ?? null);
    if (key === this.listKey) return;
    this.listKey = key;
    if (!x) {
      this.paths.replaceChildren(h("div", "jp-RenderedActigrad-path-head", "No parameter to explain."));
      return;
    }
    const lines = explanationLines(this.p, x);
    const rows = lines.paths.map((text, k) => {
      const row = h("div", "jp-RenderedActigrad-path", text);
      row.addEventListener("mouseenter", () => {
        this.state.focus = k;
        this.host.redraw();
      });
      row.addEventListener("mouseleave", () => {
        this.state.focus = undefined;
        this.host.redraw();
      });
      return row;
    });
    const sum = h("div", `jp-RenderedActigrad-path-sum ${lines.agrees ? "jp-mod-ok" : "jp-mod-bad"}`, lines.sum);
    this.paths.replaceChildren(
      h("div", "jp-RenderedActigrad-path-head", lines.head),
      ...rows,
      ...(lines.more ? [h("div", "jp-RenderedActigrad-path-more", lines.more)] : []),
      sum,
    );
  }

  figure(t: Theme, width: number): PlotlyFigure {
    return networkPlot(this.p, this.state, t, width);
  }

  bind(gd: PlotlyElement): void {
    gd.on("plotly_click", (e) => {
      const pt = e.points.find((q) => q.data.meta === "nodes");
      if (pt && typeof pt.customdata === "string") this.choose(pt.customdata);
    });
  }
}
