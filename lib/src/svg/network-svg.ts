import { placeLabels, textWidth, type Box } from "../figure/labels";
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
  // NB: the nodes span their own y range from just under the title: no blank band when no node sits at y = 0.
  const top = 62;
  const gh = Math.max(140, 74 * (rows - 1));
  const ys = p.nodes.map((n) => n.y);
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = (n: PlacedNode) => 70 + n.x * (W - 140);
  const py = (n: PlacedNode) => top + (y1 > y0 ? ((n.y - y0) / (y1 - y0)) * gh : gh / 2);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const sel = p.explanations.find((x) => x.param === p.selected);
  const on = pathEdges(sel);
  const label = (s: string) => (s.length > 14 ? s.slice(0, 13) + "…" : s);
  const pillWidth = (n: PlacedNode) => Math.max(34, 7 * Math.min(14, n.label.length) + 14);
  // Labels go where they clear the pills and each other: node values first, then edges on the chosen paths, then the rest.
  const taken: Box[] = p.nodes.map((n) => ({ x0: px(n) - pillWidth(n) / 2, x1: px(n) + pillWidth(n) / 2, y0: py(n) - 13, y1: py(n) + 13 }));
  const bounds: Box = { x0: 2, y0: 30, x1: W - 2, y1: top + gh + 40 };
  const valueText = (n: PlacedNode) => `${fmt(n.value)} · ∇ ${fmt(n.grad)}`;
  const valueAt = detail === 2 ? placeLabels(p.nodes.map((n) => ({ text: valueText(n), fontSize: 10, anchor: "middle" as const, at: [[px(n), py(n) + 25], [px(n), py(n) - 17]] as [number, number][] })), taken, bounds) : [];
  const edgeText = (e: NetworkPayload["edges"][number]) => (e.localLabel === fmt(e.local) ? e.localLabel : `${label(e.localLabel)} = ${fmt(e.local, 3)}`);
  const order = p.edges.map((_, k) => k).sort((a, b) => Number(on.has(`${p.edges[b].from}\u0000${p.edges[b].to}`)) - Number(on.has(`${p.edges[a].from}\u0000${p.edges[a].to}`)));
  const edgeAt: ([number, number] | undefined)[] = [];
  if (detail === 2) {
    const placed = placeLabels(
      order.map((k) => {
        const [a, b] = [byId.get(p.edges[k].from)!, byId.get(p.edges[k].to)!];
        const along = [at[k], 0.5, 0.35, 0.65, 0.22, 0.78];
        const cand = along.flatMap((t) => [-4, 12].map((dy) => [px(a) + t * (px(b) - px(a)), py(a) + t * (py(b) - py(a)) + dy] as [number, number]));
        return { text: edgeText(p.edges[k]), fontSize: 10, anchor: "middle" as const, at: cand };
      }),
      taken,
      bounds,
    );
    order.forEach((k, i) => (edgeAt[k] = placed[i]));
  }
  const edges = p.edges.map((e, k) => {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const hot = on.has(`${e.from}\u0000${e.to}`);
    const [x1, y1, x2, y2] = [px(a), py(a), px(b), py(b)];
    const line = el("line", { x1: x1.toFixed(1), y1: y1.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1), stroke: hot ? INK.accent : INK.axis, "stroke-width": hot ? 3 : 1.3 });
    if (detail === 0) return line;
    const hover = title(`∂${b.label}/∂${a.label} = ${e.localLabel} = ${fmt(e.local, 6)}`);
    const pos = edgeAt[k];
    if (detail === 1 || !pos) return el("g", {}, hover, line);
    return el("g", {}, hover, line, text({ x: pos[0].toFixed(1), y: pos[1].toFixed(1), "text-anchor": "middle", fill: hot ? INK.accent : INK.muted, "font-size": 10 }, edgeText(e)));
  });
  const nodes = p.nodes.map((n, k) => {
    const w = pillWidth(n);
    const hot = n.id === p.selected;
    const pos = valueAt[k];
    return el(
      "g",
      {},
      title(`${n.label}${n.op ? ` (${n.op})` : ""}: value ${fmt(n.value, 6)}, gradient ∂loss/∂${n.label} = ${fmt(n.grad, 6)}`),
      el("rect", { x: (px(n) - w / 2).toFixed(1), y: (py(n) - 13).toFixed(1), width: w, height: 26, rx: 13, fill: ROLE_FILL[n.role], stroke: hot ? INK.accent : INK.axis, "stroke-width": hot ? 2.5 : 1 }),
      text({ x: px(n).toFixed(1), y: (py(n) + 4).toFixed(1), "text-anchor": "middle", fill: INK.text, "font-weight": "bold" }, label(n.label)),
      pos ? text({ x: pos[0].toFixed(1), y: pos[1].toFixed(1), "text-anchor": "middle", fill: INK.muted, "font-size": 10 }, valueText(n)) : "",
    );
  });
  const lines: string[] = [];
  let y = top + gh + 60;
  if (sel) {
    const loss = p.nodes.find((n) => n.role === "loss")?.label ?? "loss";
    lines.push(text({ x: 20, y, fill: INK.text, "font-weight": "bold" }, `∂${loss}/∂${sel.paramLabel}: one product of local derivatives per path (chain rule), summed`));
    const shown = sel.paths.slice(0, 12);
    for (const path of shown) {
      y += 17;
      const names = path.nodes.map((id) => byId.get(id)?.label ?? id).join(" → ");
      // A path too long for the card goes on several rows: its nodes, then the formula broken before each "=".
      const one = `${names}:  ${pathFormula(path)}`;
      const rows = textWidth(one, 11) <= W - 40 ? [one] : [`${names}:`, ...pathFormula(path).split(/ (?==)/).map((r, k) => (k ? `  ${r}` : r))];
      rows.forEach((r, k) => {
        if (k) y += 15;
        lines.push(text({ x: k ? 40 : 28, y, fill: INK.accent }, r));
      });
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
