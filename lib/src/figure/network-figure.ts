import { fmt } from "../svg/xml";
import type { NetworkGraph } from "./data";
import { Figure } from "./figure";
import type { NetworkExplanation, NetworkPayload, PlacedNode } from "./payload";

export interface NetworkFigureOptions {
  title?: string;
  /** The parameter highlighted first (overrides `graph.selected`); default the first explained one. */
  selected?: string;
  /** Most paths kept per parameter, largest |product| first; the rest are counted in `omitted`. Default 64. */
  maxPaths?: number;
}

/**
 * Places nodes left to right by `layer` and, within a layer, orders them by the mean position of
 * their inputs (one barycentre sweep), which removes most edge crossings in small graphs.
 */
export function layoutNodes(graph: NetworkGraph): PlacedNode[] {
  const layers = new Map<number, string[]>();
  for (const n of graph.nodes) layers.set(n.layer, [...(layers.get(n.layer) ?? []), n.id]);
  const order = [...layers.keys()].sort((a, b) => a - b);
  const inputs = new Map<string, string[]>();
  for (const e of graph.edges) inputs.set(e.to, [...(inputs.get(e.to) ?? []), e.from]);
  const y = new Map<string, number>();
  for (const l of order) {
    const ids = layers.get(l)!;
    const bary = (id: string) => {
      const ins = (inputs.get(id) ?? []).filter((i) => y.has(i));
      return ins.length ? ins.reduce((s, i) => s + y.get(i)!, 0) / ins.length : Infinity;
    };
    // NB: stable sort; nodes without placed inputs keep their producer order after the others.
    const sorted = ids.map((id, k) => ({ id, k, b: bary(id) })).sort((p, q) => (p.b === q.b ? p.k - q.k : p.b < q.b ? -1 : 1));
    sorted.forEach((s, k) => y.set(s.id, (k + 1) / (sorted.length + 1)));
  }
  const col = new Map(order.map((l, k) => [l, order.length === 1 ? 0.5 : k / (order.length - 1)]));
  return graph.nodes.map((n) => ({ ...n, x: col.get(n.layer)!, y: y.get(n.id)! }));
}

/** Checks the graph's references, naming the first broken one. */
function checkGraph(graph: NetworkGraph): void {
  if (!graph || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges) || !Array.isArray(graph.explanations)) {
    throw new Error("networkFigure: graph must have nodes, edges and explanations arrays");
  }
  if (graph.nodes.length === 0) throw new Error("networkFigure: graph has no nodes");
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    if (ids.has(n.id)) throw new Error(`networkFigure: node id "${n.id}" appears twice`);
    ids.add(n.id);
  }
  graph.edges.forEach((e, i) => {
    for (const end of [e.from, e.to]) if (!ids.has(end)) throw new Error(`networkFigure: edges[${i}] refers to unknown node "${end}"`);
  });
  for (const x of graph.explanations) {
    if (!ids.has(x.param)) throw new Error(`networkFigure: explanation for unknown node "${x.param}"`);
    x.paths.forEach((p, i) => {
      if (p.factors.length !== p.nodes.length - 1) {
        throw new Error(`networkFigure: path ${i} of "${x.param}" has ${p.nodes.length} nodes but ${p.factors.length} factors (need one per edge)`);
      }
      for (const id of p.nodes) if (!ids.has(id)) throw new Error(`networkFigure: path ${i} of "${x.param}" refers to unknown node "${id}"`);
    });
  }
}

/** The "network" figure: the graph with values and local derivatives, and per parameter its paths to the loss. */
export function networkFigure(graph: NetworkGraph, options: NetworkFigureOptions = {}): Figure<NetworkPayload> {
  checkGraph(graph);
  const maxPaths = options.maxPaths ?? 64;
  if (!Number.isInteger(maxPaths) || maxPaths < 1) throw new Error(`networkFigure: maxPaths must be an integer ≥ 1, got ${maxPaths}`);
  const explanations: NetworkExplanation[] = graph.explanations.map((x) => {
    const paths = [...x.paths].sort((p, q) => Math.abs(q.product) - Math.abs(p.product));
    return { param: x.param, paramLabel: x.paramLabel, paths: paths.slice(0, maxPaths), omitted: Math.max(0, paths.length - maxPaths), sum: x.sum, grad: x.grad };
  });
  const selected = options.selected ?? graph.selected ?? explanations[0]?.param;
  if (selected !== undefined && !explanations.some((x) => x.param === selected)) {
    throw new Error(`networkFigure: selected "${selected}" has no explanation; explained parameters are: ${explanations.map((x) => x.param).join(", ") || "(none)"}`);
  }
  const title = options.title ?? graph.title ?? "Backpropagation through the graph";
  const payload: NetworkPayload = { version: 1, kind: "network", title, nodes: layoutNodes(graph), edges: graph.edges.map((e) => ({ ...e })), explanations, selected };
  const loss = graph.nodes.find((n) => n.role === "loss");
  const lines = [`network: ${graph.nodes.length} nodes, ${graph.edges.length} edges${loss ? `, ${loss.label} = ${fmt(loss.value)}` : ""}`];
  for (const x of explanations) {
    const all = x.paths.length + x.omitted;
    lines.push(`∂${loss?.label ?? "loss"}/∂${x.paramLabel} = Σ of ${all} path product${all === 1 ? "" : "s"} = ${fmt(x.sum, 6)} (backward: ${fmt(x.grad, 6)})`);
  }
  return new Figure(payload, lines.join("\n"));
}
