import { edgeLabelAt } from "../figure/network-figure";
import type { NetworkExplanation, NetworkPayload, PlacedNode } from "../figure/payload";
import { card } from "./panel";
import { INK } from "./palette";
import { el, fmt, text, title, utf8Bytes } from "./xml";

const ROLE_FILL: Record<PlacedNode["role"], string> = { input: "#e8eef6", param: "#fde9d9", op: "#f2f2f2", loss: "#e3f1e0" };

/** The edges (from→to) that lie on any path of the explanation. */
function pathEdges(x: NetworkExplanation | undefined): Set<string> {
  const on = new Set<string>();
  for (const p of x?.paths ?? []) for (let k = 0; k + 1 < p.nodes.length; k++) on.add(`${p.nodes[k]}\u0000${p.nodes[k + 1]}`);
  return on;
}

/** "σ′(q) × w46 = 0.2 × 0.3 = 0.06" for one path. */
export function pathFormula(p: NetworkExplanation["paths"][number]): string {
  if (!p.factors.length) return `= ${fmt(p.product, 6)}`;
  return `${p.factors.map((f) => f.label).join(" × ")} = ${p.factors.map((f) => fmt(f.value)).join(" × ")} = ${fmt(p.product, 6)}`;
}

/**
 * The graph left to right (inputs → loss) with each node's value and gradient and each edge's local
 * derivative; the selected parameter's paths in red, listed below with their products and their sum.
 */
export function networkSvg(p: NetworkPayload): string {
  // NB: big graphs drop detail until the SVG fits the 200 KB budget: first the edge and value texts
  // drawn in the figure (their hover titles stay), then the edges' hover titles.
  for (const detail of [2, 1] as const) {
    const svg = networkSvgAt(p, detail);
    if (utf8Bytes(svg) <= SVG_BUDGET) return svg;
  }
  return networkSvgAt(p, 0);
}

/** Bytes a static figure may take. */
const SVG_BUDGET = 195_000;

function networkSvgAt(p: NetworkPayload, detail: 0 | 1 | 2): string {
  const perColumn = new Map<number, number>();
  for (const n of p.nodes) perColumn.set(n.x, (perColumn.get(n.x) ?? 0) + 1);
  const rows = Math.max(...perColumn.values());
  // NB: about 110 px per column, so the nodes of a long chain do not overlap.
  const W = Math.max(760, 140 + 110 * (perColumn.size - 1));
  const at = edgeLabelAt(p);
  const top = 48;
  const gh = Math.max(200, 74 * rows);
  const px = (n: PlacedNode) => 70 + n.x * (W - 140);
  const py = (n: PlacedNode) => top + n.y * gh;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const sel = p.explanations.find((x) => x.param === p.selected);
  const on = pathEdges(sel);
  const label = (s: string) => (s.length > 14 ? s.slice(0, 13) + "…" : s);
  const edges = p.edges.map((e, k) => {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const hot = on.has(`${e.from}\u0000${e.to}`);
    const [x1, y1, x2, y2] = [px(a), py(a), px(b), py(b)];
    const line = el("line", { x1: x1.toFixed(1), y1: y1.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1), stroke: hot ? INK.accent : INK.axis, "stroke-width": hot ? 3 : 1.3 });
    if (detail === 0) return line;
    const hover = title(`∂${b.label}/∂${a.label} = ${e.localLabel} = ${fmt(e.local, 6)}`);
    if (detail === 1) return el("g", {}, hover, line);
    return el(
      "g",
      {},
      hover,
      line,
      text({ x: (x1 + at[k] * (x2 - x1)).toFixed(1), y: (y1 + at[k] * (y2 - y1) - 4).toFixed(1), "text-anchor": "middle", fill: hot ? INK.accent : INK.muted, "font-size": 10 }, e.localLabel === fmt(e.local) ? e.localLabel : `${label(e.localLabel)} = ${fmt(e.local, 3)}`),
    );
  });
  const nodes = p.nodes.map((n) => {
    const w = Math.max(34, 7 * Math.min(14, n.label.length) + 14);
    const hot = n.id === p.selected;
    return el(
      "g",
      {},
      title(`${n.label}${n.op ? ` (${n.op})` : ""}: value ${fmt(n.value, 6)}, gradient ∂loss/∂${n.label} = ${fmt(n.grad, 6)}`),
      el("rect", { x: (px(n) - w / 2).toFixed(1), y: (py(n) - 13).toFixed(1), width: w, height: 26, rx: 13, fill: ROLE_FILL[n.role], stroke: hot ? INK.accent : INK.axis, "stroke-width": hot ? 2.5 : 1 }),
      text({ x: px(n).toFixed(1), y: (py(n) + 4).toFixed(1), "text-anchor": "middle", fill: INK.text, "font-weight": "bold" }, label(n.label)),
      detail === 2 ? text({ x: px(n).toFixed(1), y: (py(n) + 25).toFixed(1), "text-anchor": "middle", fill: INK.muted, "font-size": 10 }, `${fmt(n.value)} · ∇ ${fmt(n.grad)}`) : "",
    );
  });
  const lines: string[] = [];
  let y = top + gh + 34;
  if (sel) {
    const loss = p.nodes.find((n) => n.role === "loss")?.label ?? "loss";
    lines.push(text({ x: 20, y, fill: INK.text, "font-weight": "bold" }, `∂${loss}/∂${sel.paramLabel}: one product of local derivatives per path (chain rule), summed`));
    const shown = sel.paths.slice(0, 12);
    for (const path of shown) {
      y += 17;
      const names = path.nodes.map((id) => byId.get(id)?.label ?? id).join(" → ");
      lines.push(text({ x: 28, y, fill: INK.accent }, `${names}:  ${pathFormula(path)}`));
    }
    const more = sel.paths.length - shown.length + sel.omitted;
    if (more > 0) {
      y += 17;
      lines.push(text({ x: 28, y, fill: INK.muted }, `… and ${more} more path${more === 1 ? "" : "s"} (their products are in the sum)`));
    }
    y += 20;
    lines.push(text({ x: 20, y, fill: INK.text, "font-weight": "bold" }, `Σ paths = ${fmt(sel.sum, 8)}   backward() gives ∂${loss}/∂${sel.paramLabel} = ${fmt(sel.grad, 8)}`));
  }
  return card(W, y + 16, p.title, ...edges, ...nodes, ...lines);
}
