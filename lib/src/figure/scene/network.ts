// The network figure's layout in pixels, shared by the static SVG and the Lab plot: node pills, edges clipped to
// them, and value and edge labels placed where they clear the pills and each other. No DOM.
import { placeLabels, type Box } from "../labels";
import type { NetworkExplanation, NetworkPayload, PlacedNode } from "../payload";
import { fmt } from "../format";

/** A label at (x, baseline y), centred. */
export interface SceneLabel {
  x: number;
  y: number;
  text: string;
}

export interface NetworkScene {
  /** Design width and the graph's height in px; y grows downwards. */
  width: number;
  height: number;
  nodes: { node: PlacedNode; x: number; y: number; w: number; h: number; label: string; value?: SceneLabel }[];
  edges: {
    from: string;
    to: string;
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    hot: boolean;
    label?: SceneLabel;
    fullLabel: string;
  }[];
  /** Labels left out for want of room (their hover text stays). */
  dropped: number;
}

/** Pixel font size of value and edge labels. */
export const NETWORK_LABEL_SIZE = 10;
const PILL_H = 26;

/** The edges (from→to) on the explanation's paths, or on path `focus` alone. */
export function hotEdges(x: NetworkExplanation | undefined, focus?: number): Set<string> {
  const on = new Set<string>();
  const paths = x ? (focus !== undefined && x.paths[focus] ? [x.paths[focus]] : x.paths) : [];
  for (const p of paths) for (let k = 0; k + 1 < p.nodes.length; k++) on.add(`${p.nodes[k]}\u0000${p.nodes[k + 1]}`);
  return on;
}

/** The shortened label shown in a pill. */
const short = (s: string) => (s.length > 14 ? s.slice(0, 13) + "…" : s);

/** Where the segment from (x, y) towards (tx, ty) leaves a w × h box centred on (x, y), as a fraction of it. */
function exit(w: number, h: number, dx: number, dy: number): number {
  return Math.min(dx ? w / 2 / Math.abs(dx) : Infinity, dy ? h / 2 / Math.abs(dy) : Infinity, 0.5);
}

/**
 * The graph left to right (inputs → loss); `selected`/`focus` choose the hot edges (placed first). With
 * `labels` false only pills, names and edges (big graphs that must shrink).
 */
export function networkScene(
  p: NetworkPayload,
  view: { selected?: string; focus?: number; labels?: boolean } = {},
): NetworkScene {
  const perColumn = new Map<number, number>();
  for (const n of p.nodes) perColumn.set(n.x, (perColumn.get(n.x) ?? 0) + 1);
  const rows = Math.max(...perColumn.values());
  // NB: about 110 px per column, so the nodes of a long chain do not overlap.
  const width = Math.max(760, 140 + 110 * (perColumn.size - 1));
  // NB: the nodes span their own y range from just under the title: no blank band when no node sits at y = 0.
  const top = 24;
  const gh = Math.max(140, 74 * (rows - 1));
  const height = top + gh + 40;
  const ys = p.nodes.map((n) => n.y);
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = (n: PlacedNode) => 70 + n.x * (width - 140);
  const py = (n: PlacedNode) => top + (y1 > y0 ? ((n.y - y0) / (y1 - y0)) * gh : gh / 2);
  const pill = (n: PlacedNode) => Math.max(34, 7 * Math.min(14, n.label.length) + 14);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const hot = hotEdges(
    p.explanations.find((x) => x.param === (view.selected ?? p.selected)),
    view.focus,
  );
  const isHot = (e: { from: string; to: string }) => hot.has(`${e.from}\u0000${e.to}`);
  const labels = view.labels ?? true;
  // Labels go where they clear the pills and each other: node values first, then hot edges, then the rest.
  const taken: Box[] = p.nodes.map((n) => ({
    x0: px(n) - pill(n) / 2,
    x1: px(n) + pill(n) / 2,
    y0: py(n) - PILL_H / 2,
    y1: py(n) + PILL_H / 2,
  }));
  const bounds: Box = { x0: 2, y0: 0, x1: width - 2, y1: height };
  const fs = NETWORK_LABEL_SIZE;
  const valueText = (n: PlacedNode) => `${fmt(n.value)} · ∇ ${fmt(n.grad)}`;
  const valueAt = labels
    ? placeLabels(
        p.nodes.map((n) => ({
          text: valueText(n),
          fontSize: fs,
          anchor: "middle" as const,
          at: [
            [px(n), py(n) + 25],
            [px(n), py(n) - 17],
          ] as [number, number][],
        })),
        taken,
        bounds,
      )
    : [];
  const edgeText = (e: NetworkPayload["edges"][number]) =>
    e.localLabel === fmt(e.local) ? e.localLabel : `${short(e.localLabel)} = ${fmt(e.local, 3)}`;
  const at = edgeLabelAt(p);
  const order = p.edges.map((_, k) => k).sort((a, b) => Number(isHot(p.edges[b])) - Number(isHot(p.edges[a])) || a - b);
  const edgeAt: ([number, number] | undefined)[] = [];
  if (labels) {
    const placed = placeLabels(
      order.map((k) => {
        const [a, b] = [byId.get(p.edges[k].from)!, byId.get(p.edges[k].to)!];
        const cand = [at[k], 0.5, 0.35, 0.65, 0.22, 0.78].flatMap((t) =>
          [-4, 12].map((dy) => [px(a) + t * (px(b) - px(a)), py(a) + t * (py(b) - py(a)) + dy] as [number, number]),
        );
        return { text: edgeText(p.edges[k]), fontSize: fs, anchor: "middle" as const, at: cand };
      }),
      taken,
      bounds,
    );
    order.forEach((k, i) => (edgeAt[k] = placed[i]));
  }
  const dropped = labels ? valueAt.filter((v) => !v).length + p.edges.filter((_, k) => !edgeAt[k]).length : 0;
  return {
    width,
    height,
    dropped,
    nodes: p.nodes.map((n, k) => {
      const v = valueAt[k];
      return {
        node: n,
        x: px(n),
        y: py(n),
        w: pill(n),
        h: PILL_H,
        label: short(n.label),
        value: v ? { x: v[0], y: v[1], text: valueText(n) } : undefined,
      };
    }),
    edges: p.edges.map((e, k) => {
      const [a, b] = [byId.get(e.from)!, byId.get(e.to)!];
      const [dx, dy] = [px(b) - px(a), py(b) - py(a)];
      const s0 = exit(pill(a), PILL_H, dx, dy);
      const s1 = 1 - exit(pill(b), PILL_H, dx, dy);
      const l = edgeAt[k];
      return {
        from: e.from,
        to: e.to,
        x1: px(a) + s0 * dx,
        y1: py(a) + s0 * dy,
        x2: px(a) + s1 * dx,
        y2: py(a) + s1 * dy,
        hot: isHot(e),
        label: l ? { x: l[0], y: l[1], text: edgeText(e) } : undefined,
        fullLabel: `∂${b.label}/∂${a.label} = ${e.localLabel} = ${fmt(e.local, 6)}`,
      };
    }),
  };
}

/**
 * Where along each edge (0 = its source, 1 = its target) its label sits: the middle, or nearer the
 * source when the target has many inputs, so the labels of a fan-in do not pile up at the target.
 */
export function edgeLabelAt(p: Pick<NetworkPayload, "edges">): number[] {
  const fanIn = new Map<string, number>();
  for (const e of p.edges) fanIn.set(e.to, (fanIn.get(e.to) ?? 0) + 1);
  return p.edges.map((e) => (fanIn.get(e.to)! > 2 ? 0.3 : 0.5));
}

/** "σ′(q) × w46 = 0.2 × 0.3 = 0.06" for one path. */
export function pathFormula(p: NetworkExplanation["paths"][number]): string {
  if (!p.factors.length) return `= ${fmt(p.product, 6)}`;
  return `${p.factors.map((f) => f.label).join(" × ")} = ${p.factors.map((f) => fmt(f.value)).join(" × ")} = ${fmt(p.product, 6)}`;
}
