import { fmt } from "./format";
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
 * Places nodes left to right: each operation in its producer `layer`, each leaf (input or parameter) in the
 * column just before its first consumer, so a weight sits next to the unit it feeds. Within a column nodes
 * are ordered by a few barycentre sweeps (mean position of inputs, then of consumers), which removes most
 * edge crossings in small graphs. Positions are in [0, 1]²; `layer` is kept as the producer gave it.
 */
export function layoutNodes(graph: NetworkGraph): PlacedNode[] {
  const inputs = new Map<string, string[]>();
  const outputs = new Map<string, string[]>();
  for (const e of graph.edges) {
    inputs.set(e.to, [...(inputs.get(e.to) ?? []), e.from]);
    outputs.set(e.from, [...(outputs.get(e.from) ?? []), e.to]);
  }
  const layerOf = new Map(graph.nodes.map((n) => [n.id, n.layer]));
  const column = new Map<string, number>();
  for (const n of graph.nodes) {
    const outs = outputs.get(n.id) ?? [];
    const leaf = !inputs.get(n.id)?.length && n.role !== "loss";
    column.set(n.id, leaf && outs.length ? Math.min(...outs.map((o) => layerOf.get(o)!)) - 1 : n.layer);
  }
  const cols = [...new Set(column.values())].sort((a, b) => a - b);
  const members = cols.map((c) => graph.nodes.filter((n) => column.get(n.id) === c).map((n) => n.id));
  const y = new Map<string, number>();
  const place = (ids: string[]) => ids.forEach((id, k) => y.set(id, (k + 1) / (ids.length + 1)));
  members.forEach(place);
  const mean = (ids: string[] | undefined) => (ids?.length ? ids.reduce((s, i) => s + y.get(i)!, 0) / ids.length : NaN);
  const sweep = (order: number[], primary: Map<string, string[]>, secondary: Map<string, string[]>) => {
    for (const c of order) {
      const ids = members[c];
      const key = new Map(ids.map((id, k) => [id, [mean(primary.get(id)), mean(secondary.get(id)), k] as const]));
      // NB: stable: a node with no neighbours on either side keeps its place in the producer's order.
      ids.sort((a, b) => {
        const [pa, sa, ka] = key.get(a)!;
        const [pb, sb, kb] = key.get(b)!;
        const va = Number.isNaN(pa) ? (Number.isNaN(sa) ? ka / ids.length : sa) : pa;
        const vb = Number.isNaN(pb) ? (Number.isNaN(sb) ? kb / ids.length : sb) : pb;
        return va === vb ? ka - kb : va - vb;
      });
      place(ids);
    }
  };
  const forward = cols.map((_, k) => k);
  for (let round = 0; round < 3; round++) {
    sweep(forward, inputs, outputs);
    sweep([...forward].reverse(), outputs, inputs);
  }
  const x = new Map(cols.map((c, k) => [c, cols.length === 1 ? 0.5 : k / (cols.length - 1)]));
  return graph.nodes.map((n) => ({ ...n, x: x.get(column.get(n.id)!)!, y: y.get(n.id)! }));
}

export { edgeLabelAt } from "./scene/network";

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
    for (const end of [e.from, e.to])
      if (!ids.has(end)) throw new Error(`networkFigure: edges[${i}] refers to unknown node "${end}"`);
  });
  for (const x of graph.explanations) {
    if (!ids.has(x.param)) throw new Error(`networkFigure: explanation for unknown node "${x.param}"`);
    x.paths.forEach((p, i) => {
      if (p.factors.length !== p.nodes.length - 1) {
        throw new Error(
          `networkFigure: path ${i} of "${x.param}" has ${p.nodes.length} nodes but ${p.factors.length} factors (need one per edge)`,
        );
      }
      for (const id of p.nodes)
        if (!ids.has(id)) throw new Error(`networkFigure: path ${i} of "${x.param}" refers to unknown node "${id}"`);
    });
  }
}

/** The "network" figure: the graph with values and local derivatives, and per parameter its paths to the loss. */
export function networkFigure(graph: NetworkGraph, options: NetworkFigureOptions = {}): Figure<NetworkPayload> {
  checkGraph(graph);
  const maxPaths = options.maxPaths ?? 64;
  if (!Number.isInteger(maxPaths) || maxPaths < 1)
    throw new Error(`networkFigure: maxPaths must be an integer ≥ 1, got ${maxPaths}`);
  const explanations: NetworkExplanation[] = graph.explanations.map((x) => {
    const paths = [...x.paths].sort((p, q) => Math.abs(q.product) - Math.abs(p.product));
    return {
      param: x.param,
      paramLabel: x.paramLabel,
      paths: paths.slice(0, maxPaths),
      omitted: Math.max(0, paths.length - maxPaths),
      sum: x.sum,
      grad: x.grad,
    };
  });
  const selected = options.selected ?? graph.selected ?? explanations[0]?.param;
  if (selected !== undefined && !explanations.some((x) => x.param === selected)) {
    throw new Error(
      `networkFigure: selected "${selected}" has no explanation; explained parameters are: ${explanations.map((x) => x.param).join(", ") || "(none)"}`,
    );
  }
  const title = options.title ?? graph.title ?? "Backpropagation through the graph";
  const payload: NetworkPayload = {
    version: 1,
    kind: "network",
    title,
    nodes: layoutNodes(graph),
    edges: graph.edges.map((e) => ({ ...e })),
    explanations,
    selected,
  };
  const loss = graph.nodes.find((n) => n.role === "loss");
  const lines = [
    `network: ${graph.nodes.length} nodes, ${graph.edges.length} edges${loss ? `, ${loss.label} = ${fmt(loss.value)}` : ""}`,
  ];
  for (const x of explanations) {
    const all = x.paths.length + x.omitted;
    lines.push(
      `∂${loss?.label ?? "loss"}/∂${x.paramLabel} = Σ of ${all} path product${all === 1 ? "" : "s"} = ${fmt(x.sum, 6)} (backward: ${fmt(x.grad, 6)})`,
    );
  }
  return new Figure(payload, lines.join("\n"));
}
