// Reads back what each renderer drew, independently of the scene code: the static SVG through its DOM, the plotly
// figure through plotly's own coordinate rules (axis domains in paper fractions, ranges in axis units, annotations
// centred at paper points). Both come out in the figure's pixels, so they can be compared.
import { DOMParser, type Element } from "@xmldom/xmldom";
import { networkPlot } from "../../extension/src/kinds/network";
import type { NetworkPayload } from "../../lib/src/figure/payload";
import { networkScene } from "../../lib/src/figure/scene/network";
import { LIGHT_THEME } from "../../lib/src/figure/theme";
import { toSvg } from "../../lib/src/svg/to-svg";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Drawn {
  width: number;
  height: number;
  /** Panel frames: left, top, width, height. */
  panels: [number, number, number, number][];
  /** Per panel, the tick labels of x and y and their pixel positions along the axis. */
  ticks: { x: [string, number][]; y: [string, number][] }[];
  /** Per panel, each data line: its colour and dash, and its first and last drawn points in pixels. */
  lines: { panel: number; color: string; dash: string; first: [number, number]; last: [number, number] }[];
  /** Every text but tick labels: its text and the middle of its glyphs (baseline − 0.3 em; rotated texts likewise). */
  texts: { text: string; x: number; y: number }[];
  /** Straight segments (tangents, arrows): colour, start, and end (undefined for an arrow, whose shaft stops at its head). */
  segments: { color: string; from: [number, number]; to?: [number, number] }[];
  /** Dots (scatter points, lens markers, segment dots): colour and centre. */
  dots: { color: string; at: [number, number] }[];
  /** Shaded x ranges and vertical rules, per panel: left and right edge in px. */
  spans: { panel: number; x0: number; x1: number }[];
}

const num = (e: Element, a: string) => Number(e.getAttribute(a));
const MIDDLE = 0.3;
const SVG_DASH: Record<string, string> = { "": "solid", "6 4": "dash", "2 3": "dot" };

function within(e: Element, cls: string): boolean {
  for (let n = e.parentNode as Element | null; n && n.getAttribute; n = n.parentNode as Element | null)
    if (n.getAttribute("class") === cls) return true;
  return false;
}

/** The first and last points of SVG path data "M x y L x y …". */
function ends(d: string): [[number, number], [number, number]] {
  const pts = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map(
    (m) => [Number(m[1]), Number(m[2])] as [number, number],
  );
  return [pts[0], pts[pts.length - 1]];
}

export function readSvg(svg: string): Drawn {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement as unknown as Element;
  const [, , width, height] = root.getAttribute("viewBox")!.split(/\s+/).map(Number);
  const groups = Array.from(doc.getElementsByTagName("g") as unknown as Element[]).filter(
    (g) => g.getAttribute("class") === "panel",
  );
  const out: Drawn = { width, height, panels: [], ticks: [], lines: [], texts: [], segments: [], dots: [], spans: [] };
  groups.forEach((g, k) => {
    const frame = Array.from(g.getElementsByTagName("rect") as unknown as Element[]).find(
      (r) => r.getAttribute("fill") === "none",
    )!;
    const box: [number, number, number, number] = [
      num(frame, "x"),
      num(frame, "y"),
      num(frame, "width"),
      num(frame, "height"),
    ];
    out.panels.push(box);
    const texts = Array.from(g.getElementsByTagName("text") as unknown as Element[]);
    out.ticks.push({
      x: texts.filter((t) => t.getAttribute("text-anchor") === "middle").map((t) => [t.textContent ?? "", num(t, "x")]),
      y: texts
        .filter((t) => t.getAttribute("text-anchor") === "end")
        .map((t) => [t.textContent ?? "", num(t, "y") - 4]),
    });
    const clipped = Array.from(g.getElementsByTagName("g") as unknown as Element[]).find((e) =>
      e.getAttribute("clip-path"),
    )!;
    for (const r of Array.from(g.getElementsByTagName("rect") as unknown as Element[])) {
      if (r.getAttribute("fill-opacity"))
        out.spans.push({ panel: k, x0: num(r, "x"), x1: num(r, "x") + num(r, "width") });
    }
    for (const l of Array.from(clipped.getElementsByTagName("line") as unknown as Element[])) {
      if (l.parentNode === clipped) out.spans.push({ panel: k, x0: num(l, "x1"), x1: num(l, "x2") });
      else {
        const head = (l.parentNode as Element).getElementsByTagName("path").length > 0;
        out.segments.push({
          color: l.getAttribute("stroke")!,
          from: [num(l, "x1"), num(l, "y1")],
          to: head ? undefined : [num(l, "x2"), num(l, "y2")],
        });
      }
    }
    for (const c of Array.from(clipped.getElementsByTagName("circle") as unknown as Element[])) {
      if (c.getAttribute("fill-opacity") !== "0.01")
        out.dots.push({ color: c.getAttribute("fill")!, at: [num(c, "cx"), num(c, "cy")] });
    }
    for (const p of Array.from(clipped.getElementsByTagName("path") as unknown as Element[])) {
      if (p.getAttribute("stroke-linecap") !== "round") continue;
      for (const m of (p.getAttribute("d") ?? "").matchAll(/M(-?[\d.]+) (-?[\d.]+)h0/g))
        out.dots.push({ color: p.getAttribute("stroke")!, at: [Number(m[1]), Number(m[2])] });
    }
    for (const p of Array.from(g.getElementsByTagName("path") as unknown as Element[])) {
      if (p.getAttribute("stroke-linejoin") !== "round") continue;
      const [first, last] = ends(p.getAttribute("d") ?? "");
      if (!first) continue;
      out.lines.push({
        panel: k,
        color: p.getAttribute("stroke")!,
        dash: SVG_DASH[p.getAttribute("stroke-dasharray") ?? ""],
        first,
        last,
      });
    }
  });
  for (const t of Array.from(doc.getElementsByTagName("text") as unknown as Element[])) {
    if (within(t, "panel")) continue;
    const size = Number(t.getAttribute("font-size") ?? 11);
    const vertical = /rotate\(-90/.test(t.getAttribute("transform") ?? "");
    const [x, y] = [num(t, "x"), num(t, "y")];
    out.texts.push(
      vertical
        ? { text: t.textContent ?? "", x: x - MIDDLE * size, y }
        : { text: t.textContent ?? "", x, y: y - MIDDLE * size },
    );
  }
  return out;
}

const unescape = (s: string) =>
  s
    .replace(/<\/?b>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** What plotly draws, in the figure's pixels (its layout has no margins; paper = the whole figure). */
export function readPlotly(fig: { data: Json[]; layout: Json }): Drawn {
  const L = fig.layout;
  const [W, H] = [L.width, L.height];
  expect0(L.margin);
  const out: Drawn = {
    width: W,
    height: H,
    panels: [],
    ticks: [],
    lines: [],
    texts: [],
    segments: [],
    dots: [],
    spans: [],
  };
  const axes: { x: Json; y: Json }[] = [];
  for (let i = 0; ; i++) {
    const n = i === 0 ? "" : String(i + 1);
    const [xa, ya] = [L[`xaxis${n}`], L[`yaxis${n}`]];
    if (!xa || !ya) break;
    axes.push({ x: xa, y: ya });
    out.panels.push([
      xa.domain[0] * W,
      (1 - ya.domain[1]) * H,
      (xa.domain[1] - xa.domain[0]) * W,
      (ya.domain[1] - ya.domain[0]) * H,
    ]);
  }
  // Data value → pixel, by plotly's rule: log axes map log₁₀ of the value through a range given in log₁₀ units.
  const px = (a: Json, v: number, horizontal: boolean) => {
    const u = a.type === "log" ? Math.log10(v) : v;
    const f = (u - a.range[0]) / (a.range[1] - a.range[0]);
    return horizontal
      ? (a.domain[0] + f * (a.domain[1] - a.domain[0])) * W
      : (1 - (a.domain[0] + f * (a.domain[1] - a.domain[0]))) * H;
  };
  axes.forEach(({ x, y }) => {
    out.ticks.push({
      x: x.ticktext.map((t: string, k: number) => [unescape(t), px(x, x.tickvals[k], true)]),
      y: y.ticktext.map((t: string, k: number) => [unescape(t), px(y, y.tickvals[k], false)]),
    });
  });
  for (const t of fig.data) {
    if (t.meta !== "line") continue;
    const k = t.xaxis === "x" ? 0 : Number(t.xaxis.slice(1)) - 1;
    const { x, y } = axes[k];
    const pts: [number, number][] = [];
    for (let i = 0; i < t.x.length; i++) {
      if (t.x[i] === null || t.y[i] === null) continue;
      const p: [number, number] = [px(x, t.x[i], true), px(y, t.y[i], false)];
      if (p.every(Number.isFinite)) pts.push(p);
    }
    if (pts.length)
      out.lines.push({ panel: k, color: t.line.color, dash: t.line.dash, first: pts[0], last: pts[pts.length - 1] });
  }
  const panelOf = (t: Json) => (t.xaxis === "x" ? 0 : Number(t.xaxis.slice(1)) - 1);
  const at = (t: Json, i: number): [number, number] => [
    px(axes[panelOf(t)].x, t.x[i], true),
    px(axes[panelOf(t)].y, t.y[i], false),
  ];
  for (const t of fig.data) {
    if (t.meta === "segment") {
      for (let i = 0; i + 1 < t.x.length; i += 3)
        out.segments.push({
          color: t.line.color,
          from: at(t, i),
          to: t.marker?.symbol === "arrow" ? undefined : at(t, i + 1),
        });
    } else if (t.meta === "points" || t.meta === "segment-dot") {
      const color = (i: number) => (Array.isArray(t.marker.color) ? t.marker.color[i] : t.marker.color);
      for (let i = 0; i < t.x.length; i++)
        if (t.x[i] !== null && t.y[i] !== null) out.dots.push({ color: color(i), at: at(t, i) });
    } else if (t.meta === "line" && t.mode === "lines+markers") {
      for (let i = 0; i < t.x.length; i++)
        if (t.x[i] !== null && t.y[i] !== null) out.dots.push({ color: t.marker.color, at: at(t, i) });
    }
  }
  for (const sh of L.shapes ?? []) {
    if (sh.xref === "paper") continue;
    const k = sh.xref === "x" ? 0 : Number(sh.xref.slice(1)) - 1;
    out.spans.push({ panel: k, x0: px(axes[k].x, sh.x0, true), x1: px(axes[k].x, sh.x1, true) });
  }
  for (const a of L.annotations ?? []) {
    expect1(a);
    out.texts.push({ text: unescape(a.text), x: a.x * W, y: (1 - a.y) * H });
  }
  return out;
}

function expect0(m: Json): void {
  if (m.l || m.r || m.t || m.b)
    throw new Error(`the plotly layout has margins ${JSON.stringify(m)}; the reader assumes none`);
}

function expect1(a: Json): void {
  if (a.xref !== "paper" || a.yref !== "paper" || a.showarrow || a.yanchor !== "middle")
    throw new Error(`annotation ${JSON.stringify(a.text)} is not a centred paper text`);
  const centred = a.textangle === -90 ? a.xanchor === "center" : true;
  if (!centred) throw new Error(`vertical annotation ${JSON.stringify(a.text)} is not centred`);
}

/** The differences between two drawings beyond `tol` px, as readable lines (empty when they agree). */
export function differences(a: Drawn, b: Drawn, tol = 0.6): string[] {
  const out: string[] = [];
  const far = (u: number, v: number) => !(Math.abs(u - v) <= tol);
  if (far(a.width, b.width) || far(a.height, b.height))
    out.push(`size ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  if (a.panels.length !== b.panels.length) out.push(`${a.panels.length} panels vs ${b.panels.length}`);
  a.panels.forEach((p, k) => {
    const q = b.panels[k];
    if (q && p.some((v, j) => far(v, q[j])))
      out.push(`panel ${k}: [${p.map((v) => v.toFixed(1))}] vs [${q.map((v) => v.toFixed(1))}]`);
    const [ta, tb] = [a.ticks[k], b.ticks[k]];
    if (ta && tb) {
      for (const axis of ["x", "y"] as const) {
        const [la, lb] = [ta[axis].map((t) => t[0]).join(" "), tb[axis].map((t) => t[0]).join(" ")];
        if (la !== lb) out.push(`panel ${k} ${axis} ticks "${la}" vs "${lb}"`);
        else
          ta[axis].forEach(
            ([l, v], j) =>
              far(v, tb[axis][j][1]) &&
              out.push(`panel ${k} ${axis} tick ${l} at ${v.toFixed(1)} vs ${tb[axis][j][1].toFixed(1)}`),
          );
      }
    }
  });
  const line = (l: Drawn["lines"][number]) => `panel ${l.panel} ${l.color} ${l.dash}`;
  if (a.lines.map(line).join("; ") !== b.lines.map(line).join("; "))
    out.push(`lines [${a.lines.map(line).join("; ")}] vs [${b.lines.map(line).join("; ")}]`);
  else
    a.lines.forEach((l, k) => {
      const m = b.lines[k];
      if ([...l.first, ...l.last].some((v, j) => far(v, [...m.first, ...m.last][j])))
        out.push(`${line(l)}: ends ${JSON.stringify([l.first, l.last])} vs ${JSON.stringify([m.first, m.last])}`);
    });
  // Segments in order; dots and spans as sets (each renderer may order and thin them its own way).
  if (a.segments.length !== b.segments.length) out.push(`${a.segments.length} segments vs ${b.segments.length}`);
  else
    a.segments.forEach((sa, k) => {
      const sb = b.segments[k];
      const pa = [...sa.from, ...(sa.to ?? [])];
      const pb = [...sb.from, ...(sb.to ?? [])];
      if (sa.color !== sb.color || pa.length !== pb.length || pa.some((v, j) => far(v, pb[j])))
        out.push(`segment ${k}: ${JSON.stringify(sa)} vs ${JSON.stringify(sb)}`);
    });
  const unmatched = (xs: Drawn["dots"], ys: Drawn["dots"]) =>
    xs.filter((d) => !ys.some((e) => e.color === d.color && !far(d.at[0], e.at[0]) && !far(d.at[1], e.at[1])));
  for (const [name, x, y] of [
    ["svg", a, b],
    ["plotly", b, a],
  ] as const) {
    const lone = unmatched(x.dots, y.dots);
    if (lone.length)
      out.push(
        `${lone.length} dots only in the ${name === "svg" ? "first" : "second"}: ${JSON.stringify(lone.slice(0, 3))}`,
      );
    const spans = x.spans.filter(
      (s) => !y.spans.some((t) => t.panel === s.panel && !far(s.x0, t.x0) && !far(s.x1, t.x1)),
    );
    if (spans.length) out.push(`spans only in the ${name === "svg" ? "first" : "second"}: ${JSON.stringify(spans)}`);
  }
  // NB: compared in reading order (texts may be written in another order), by text, then row, then column.
  const order = (ts: Drawn["texts"]) =>
    [...ts].sort((p, q) => (p.text < q.text ? -1 : p.text > q.text ? 1 : p.y - q.y || p.x - q.x));
  [a, b] = [
    { ...a, texts: order(a.texts) },
    { ...b, texts: order(b.texts) },
  ];
  const text = (t: Drawn["texts"][number]) => t.text;
  const [sa, sb] = [a.texts.map(text), b.texts.map(text)];
  if (sa.join("\n") !== sb.join("\n")) out.push(`texts ${JSON.stringify(sa)} vs ${JSON.stringify(sb)}`);
  else
    a.texts.forEach(
      (t, k) =>
        (far(t.x, b.texts[k].x) || far(t.y, b.texts[k].y)) &&
        out.push(
          `"${t.text}" at (${t.x.toFixed(1)}, ${t.y.toFixed(1)}) vs (${b.texts[k].x.toFixed(1)}, ${b.texts[k].y.toFixed(1)})`,
        ),
    );
  return out;
}

// The network figure has its own pixel scene (no axes): its SVG and its Lab plot agree when they draw the same pills
// at the same places and the same edge and value labels at the same places (to 0.1 px and 1 px).

/** What differs between a network payload's static SVG and its Lab plot (light theme, its selected parameter). */
export function networkDisagreements(p: NetworkPayload): string[] {
  const out: string[] = [];
  const doc = new DOMParser().parseFromString(toSvg(p), "image/svg+xml");
  const plot = networkPlot(p, { selected: p.selected }, LIGHT_THEME);
  const nodes = plot.data[3] as Json;
  // The SVG's offset: its pills are the plot's nodes moved down by the title band.
  const rects = Array.from(doc.getElementsByTagName("rect") as unknown as Element[]).filter(
    (r) => r.getAttribute("rx") === "13",
  );
  if (rects.length !== p.nodes.length) return [`${rects.length} pills in the SVG for ${p.nodes.length} nodes`];
  const dy = num(rects[0], "y") + 13 - nodes.y[0];
  rects.forEach((r, k) => {
    const dx = Math.abs(num(r, "x") + num(r, "width") / 2 - nodes.x[k]);
    const dyk = Math.abs(num(r, "y") + 13 - dy - nodes.y[k]);
    if (dx >= 0.1 || dyk >= 0.1) out.push(`pill ${p.nodes[k].label}: off by ${dx.toFixed(2)}, ${dyk.toFixed(2)} px`);
  });
  // Small labels: SVG baseline = plot middle + 0.3 em (10 px) + the offset.
  const svgLabels = Array.from(doc.getElementsByTagName("text") as unknown as Element[])
    .filter((t) => t.getAttribute("font-size") === "10")
    .map((t) => `${t.textContent} @ ${num(t, "x").toFixed(0)},${(num(t, "y") - dy - 3).toFixed(0)}`)
    .sort();
  const plotLabels = [plot.data[2], plot.data[4]]
    .flatMap((d: Json) =>
      d.text.map((s: string, i: number) => (s ? `${unescape(s)} @ ${d.x[i].toFixed(0)},${d.y[i].toFixed(0)}` : "")),
    )
    .filter(Boolean)
    .sort();
  const dropped = networkScene(p).dropped;
  if (svgLabels.length !== p.nodes.length + p.edges.length - dropped)
    out.push(`${svgLabels.length} SVG labels for ${p.nodes.length} nodes, ${p.edges.length} edges, ${dropped} dropped`);
  const onlySvg = svgLabels.filter((l) => !plotLabels.includes(l));
  const onlyPlot = plotLabels.filter((l) => !svgLabels.includes(l));
  if (onlySvg.length || onlyPlot.length) out.push(`labels only in the SVG: ${onlySvg}; only in Lab: ${onlyPlot}`);
  return out;
}
