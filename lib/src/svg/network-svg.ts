import { textWidth } from "../figure/labels";
import { NETWORK_LABEL_SIZE, networkScene } from "../figure/scene/network";
import type { NetworkPayload, PlacedNode } from "../figure/payload";
import { LIGHT_THEME as INK } from "../figure/theme";
import { el, fmt, text, title, utf8Bytes } from "./xml";

const ROLE_FILL: Record<PlacedNode["role"], string> = {
  input: "#e8eef6",
  param: "#fde9d9",
  op: "#f2f2f2",
  loss: "#e3f1e0",
};

export { pathFormula } from "../figure/scene/network";
import { pathFormula } from "../figure/scene/network";

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
  const scene = networkScene(p, { labels: detail === 2 });
  const W = scene.width;
  const top = 38;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const sel = p.explanations.find((x) => x.param === p.selected);
  const edges = scene.edges.map((e) => {
    const line = el("line", {
      x1: e.x1.toFixed(1),
      y1: (top + e.y1).toFixed(1),
      x2: e.x2.toFixed(1),
      y2: (top + e.y2).toFixed(1),
      stroke: e.hot ? INK.accent : INK.axis,
      "stroke-width": e.hot ? 3 : 1.3,
    });
    if (detail === 0) return line;
    const label = e.label
      ? text(
          {
            x: e.label.x.toFixed(1),
            y: (top + e.label.y).toFixed(1),
            "text-anchor": "middle",
            fill: e.hot ? INK.accent : INK.muted,
            "font-size": NETWORK_LABEL_SIZE,
          },
          e.label.text,
        )
      : "";
    return el("g", {}, title(e.fullLabel), line, label);
  });
  const nodes = scene.nodes.map(({ node: n, x, y, w, h, label, value }) => {
    const hot = n.id === p.selected;
    return el(
      "g",
      {},
      title(
        `${n.label}${n.op ? ` (${n.op})` : ""}: value ${fmt(n.value, 6)}, gradient ∂loss/∂${n.label} = ${fmt(n.grad, 6)}`,
      ),
      el("rect", {
        x: (x - w / 2).toFixed(1),
        y: (top + y - h / 2).toFixed(1),
        width: w,
        height: h,
        rx: h / 2,
        fill: ROLE_FILL[n.role],
        stroke: hot ? INK.accent : INK.axis,
        "stroke-width": hot ? 2.5 : 1,
      }),
      text(
        {
          x: x.toFixed(1),
          y: (top + y + 4).toFixed(1),
          "text-anchor": "middle",
          fill: INK.text,
          "font-weight": "bold",
        },
        label,
      ),
      value
        ? text(
            {
              x: value.x.toFixed(1),
              y: (top + value.y).toFixed(1),
              "text-anchor": "middle",
              fill: INK.muted,
              "font-size": NETWORK_LABEL_SIZE,
            },
            value.text,
          )
        : "",
    );
  });
  const lines: string[] = [];
  let y = top + scene.height + 22;
  if (sel) {
    const loss = p.nodes.find((n) => n.role === "loss")?.label ?? "loss";
    lines.push(
      text(
        { x: 20, y, fill: INK.text, "font-weight": "bold" },
        `∂${loss}/∂${sel.paramLabel}: one product of local derivatives per path (chain rule), summed`,
      ),
    );
    const shown = sel.paths.slice(0, 12);
    for (const path of shown) {
      y += 17;
      const names = path.nodes.map((id) => byId.get(id)?.label ?? id).join(" → ");
      // A path too long for the card goes on several rows: its nodes, then the formula broken before each "=".
      const one = `${names}:  ${pathFormula(path)}`;
      const rows =
        textWidth(one, 11) <= W - 40
          ? [one]
          : [
              `${names}:`,
              ...pathFormula(path)
                .split(/ (?==)/)
                .map((r, k) => (k ? `  ${r}` : r)),
            ];
      rows.forEach((r, k) => {
        if (k) y += 15;
        lines.push(text({ x: k ? 40 : 28, y, fill: INK.accent }, r));
      });
    }
    const more = sel.paths.length - shown.length + sel.omitted;
    if (more > 0) {
      y += 17;
      lines.push(
        text(
          { x: 28, y, fill: INK.muted },
          `… and ${more} more path${more === 1 ? "" : "s"} (their products are in the sum)`,
        ),
      );
    }
    y += 20;
    lines.push(
      text(
        { x: 20, y, fill: INK.text, "font-weight": "bold" },
        `Σ paths = ${fmt(sel.sum, 8)}   backward() gives ∂${loss}/∂${sel.paramLabel} = ${fmt(sel.grad, 8)}`,
      ),
    );
  }
  return card(W, y + 16, p.title, ...edges, ...nodes, ...lines);
}

/** The static SVG's card (an opaque white card that reads in any export theme) with its heading. */
function card(width: number, height: number, heading: string, ...children: string[]): string {
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      "font-family": "sans-serif",
      "font-size": 11,
      role: "img",
      "aria-label": heading,
    },
    el("rect", { width, height, fill: INK.paper, stroke: INK.border, rx: 4 }),
    text({ x: width / 2, y: 22, "text-anchor": "middle", "font-size": 14, fill: INK.text }, heading),
    ...children,
  );
}
