import type { PlotlyElement } from "plotly.js-dist-min";
import type { NetworkExplanation, NetworkPayload, PlacedNode } from "actigrad/dist/figure/payload";
import { edgeLabelAt } from "actigrad/dist/figure/network-figure";
import { pathFormula } from "actigrad/dist/svg/network-svg";
import { fmt } from "actigrad/dist/svg/xml";
import type { Theme } from "../theme";
import { baseLayout, h, plotText, type Host, type PlotlyFigure, type View } from "./common";

export interface NetworkState {
  /** The chosen parameter, whose paths are highlighted. */
  selected?: string;
  /** One path of it to highlight alone (hovered in the list), or undefined for all. */
  focus?: number;
}

const FILL_LIGHT: Record<PlacedNode["role"], string> = { input: "#dbe6f3", param: "#fbd9bf", op: "#eeeeee", loss: "#d5ebcf" };
const FILL_DARK: Record<PlacedNode["role"], string> = { input: "#2c4160", param: "#6b4122", op: "#3a3a3a", loss: "#2e5228" };

const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

/** The edges on the explanation's paths (or on path `focus` alone). */
function hotEdges(x: NetworkExplanation | undefined, focus?: number): Set<string> {
  const on = new Set<string>();
  const paths = x ? (focus !== undefined && x.paths[focus] ? [x.paths[focus]] : x.paths) : [];
  for (const p of paths) for (let k = 0; k + 1 < p.nodes.length; k++) on.add(edgeKey(p.nodes[k], p.nodes[k + 1]));
  return on;
}

/** The graph left to right with values, gradients and local derivatives; the chosen parameter's paths highlighted. */
export function networkPlot(p: NetworkPayload, state: NetworkState, t: Theme): PlotlyFigure {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const sel = p.explanations.find((x) => x.param === state.selected);
  const hot = hotEdges(sel, state.focus);
  const Y = (n: PlacedNode) => 1 - n.y;
  const cold = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const warm = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const mids = { x: [] as number[], y: [] as number[], text: [] as string[], hover: [] as string[], color: [] as string[] };
  const at = edgeLabelAt(p);
  p.edges.forEach((e, k) => {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const on = hot.has(edgeKey(e.from, e.to));
    const line = on ? warm : cold;
    line.x.push(a.x, b.x, null);
    line.y.push(Y(a), Y(b), null);
    mids.x.push(a.x + at[k] * (b.x - a.x));
    mids.y.push(Y(a) + at[k] * (Y(b) - Y(a)));
    mids.text.push(plotText(e.localLabel === fmt(e.local) ? e.localLabel : `${e.localLabel} = ${fmt(e.local, 3)}`));
    mids.hover.push(plotText(`∂${b.label}/∂${a.label} = ${e.localLabel} = ${fmt(e.local, 6)}`));
    mids.color.push(on ? t.accent : t.muted);
  });
  const fill = t.light ? FILL_LIGHT : FILL_DARK;
  const data: object[] = [
    { type: "scatter", mode: "lines", x: cold.x, y: cold.y, line: { color: t.muted, width: 1.3 }, hoverinfo: "skip", showlegend: false },
    { type: "scatter", mode: "lines", x: warm.x, y: warm.y, line: { color: t.accent, width: 3.5 }, hoverinfo: "skip", showlegend: false },
    { type: "scatter", mode: "markers+text", x: mids.x, y: mids.y, text: mids.text, textposition: "top center", textfont: { size: 10, color: mids.color }, marker: { size: 12, opacity: 0 }, hovertext: mids.hover, hoverinfo: "text", showlegend: false, meta: "edges" },
    {
      type: "scatter",
      mode: "markers+text",
      x: p.nodes.map((n) => n.x),
      y: p.nodes.map(Y),
      text: p.nodes.map((n) => `<b>${plotText(n.label)}</b>`),
      textfont: { color: t.text, size: 12 },
      customdata: p.nodes.map((n) => n.id),
      marker: {
        size: p.nodes.map((n) => Math.max(30, 8 * Math.min(6, n.label.length) + 12)),
        color: p.nodes.map((n) => fill[n.role]),
        line: { color: p.nodes.map((n) => (n.id === state.selected ? t.accent : t.muted)), width: p.nodes.map((n) => (n.id === state.selected ? 3 : 1)) },
      },
      hovertext: p.nodes.map((n) => plotText(`${n.label}${n.op ? ` (${n.op})` : ""}: value ${fmt(n.value, 6)}, ∂loss/∂${n.label} = ${fmt(n.grad, 6)}${n.role === "param" ? " (click to explain)" : ""}`)),
      hoverinfo: "text",
      showlegend: false,
      meta: "nodes",
    },
    { type: "scatter", mode: "text", x: p.nodes.map((n) => n.x), y: p.nodes.map((n) => Y(n) - 0.075), text: p.nodes.map((n) => plotText(`${fmt(n.value)} · ∇ ${fmt(n.grad)}`)), textfont: { size: 10, color: t.muted }, hoverinfo: "skip", showlegend: false },
  ];
  const perColumn = new Map<number, number>();
  for (const n of p.nodes) perColumn.set(n.x, (perColumn.get(n.x) ?? 0) + 1);
  const rows = Math.max(...perColumn.values());
  const hidden = { showgrid: false, zeroline: false, showticklabels: false, fixedrange: true };
  const layout = baseLayout(p.title, t, Math.max(300, 110 + 80 * rows));
  Object.assign(layout, { xaxis: { ...hidden, range: [-0.08, 1.08] }, yaxis: { ...hidden, range: [-0.05, 1.05] }, hovermode: "closest", dragmode: false, margin: { l: 20, r: 20, t: 50, b: 10 } });
  return { data, layout };
}

/** The explanation as lines of text: one per path with its product, then the sum against backward's gradient. */
export function explanationLines(p: NetworkPayload, x: NetworkExplanation): { head: string; paths: string[]; more?: string; sum: string; agrees: boolean } {
  const loss = p.nodes.find((n) => n.role === "loss")?.label ?? "loss";
  const label = (id: string) => p.nodes.find((n) => n.id === id)?.label ?? id;
  const agrees = Math.abs(x.sum - x.grad) <= 1e-9 * Math.max(1, Math.abs(x.grad));
  return {
    head: `∂${loss}/∂${x.paramLabel} by the chain rule: one product of local derivatives per path from ${x.paramLabel} to ${loss}, summed over the paths`,
    paths: x.paths.map((path) => `${path.nodes.map(label).join(" → ")}:  ${pathFormula(path)}`),
    more: x.omitted ? `… and ${x.omitted} smaller path${x.omitted === 1 ? "" : "s"}, not listed (their products are in the sum)` : undefined,
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
    this.paths.replaceChildren(h("div", "jp-RenderedActigrad-path-head", lines.head), ...rows, ...(lines.more ? [h("div", "jp-RenderedActigrad-path-more", lines.more)] : []), sum);
  }

  figure(t: Theme): PlotlyFigure {
    return networkPlot(this.p, this.state, t);
  }

  bind(gd: PlotlyElement): void {
    gd.on("plotly_click", (e) => {
      const pt = e.points.find((q) => q.data.meta === "nodes");
      if (pt && typeof pt.customdata === "string") this.choose(pt.customdata);
    });
  }
}
