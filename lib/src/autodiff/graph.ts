import type { GraphEdge, GraphNode, NetworkGraph } from "../figure/data";
import { explain, nodeId } from "./explain";
import { adjoints, argument, arity, localDerivative, localLabel, opName, topoSort, type Value } from "./value";

/** Options of `toNetworkGraph`. */
export interface NetworkGraphOptions {
  title?: string;
  /** Parameters to explain (default: every leaf with role "param", in graph order). */
  explain?: readonly Value[];
  /** The parameter highlighted first (default: the first explained). */
  selected?: Value;
  /** Refuse larger graphs (default 400 nodes): past that a network figure is no longer legible. */
  maxNodes?: number;
}

/**
 * The computational graph below `loss` as the network figure draws it: nodes with value and
 * ∂loss/∂node, edges with local derivatives (symbolic and numeric), and per parameter its chain-rule paths.
 * Gradients come from a private reverse sweep: exporting changes no `grad`.
 */
export function toNetworkGraph(loss: Value, options: NetworkGraphOptions = {}): NetworkGraph {
  const topo = topoSort(loss);
  const maxNodes = options.maxNodes ?? 400;
  if (topo.length > maxNodes) {
    throw new Error(
      `the graph of ${loss.label} has ${topo.length} nodes; a network figure stays legible up to about ${maxNodes}. ` +
        `Build the loss over fewer samples (one or two) or pass { maxNodes }.`,
    );
  }
  const adj = adjoints(loss, topo);
  const layer = new Map<Value, number>();
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const v of topo) {
    let l = 0;
    for (let i = 0; i < arity(v); i++) l = Math.max(l, layer.get(argument(v, i))! + 1);
    layer.set(v, l);
    const r = v.role;
    const role = v === loss ? "loss" : r === "op" ? "op" : r === "param" ? "param" : "input";
    nodes.push({ id: nodeId(v), label: v.label, role, op: opName(v), value: v.data, grad: adj.get(v)!, layer: l });
    for (let i = 0; i < arity(v); i++) {
      edges.push({
        from: nodeId(argument(v, i)),
        to: nodeId(v),
        localLabel: localLabel(v, i),
        local: localDerivative(v, i),
      });
    }
  }
  const params = options.explain ?? topo.filter((v) => v.role === "param" && v !== loss);
  const explanations = params.map((p) => explain(loss, p).toJSON());
  const selected = options.selected ? nodeId(options.selected) : explanations[0]?.param;
  return {
    ...(options.title !== undefined ? { title: options.title } : {}),
    nodes,
    edges,
    explanations,
    ...(selected !== undefined ? { selected } : {}),
  };
}
