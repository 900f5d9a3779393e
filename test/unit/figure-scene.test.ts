// One scene, two renderers: the network figure's static SVG and its Lab plot put the same labels (same text) at the
// same places, to a tenth of a pixel, once the SVG's title band is allowed for.
import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { networkPlot } from "../../extension/src/kinds/network";
import { LIGHT, type Theme } from "../../extension/src/theme";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { networkScene } from "../../lib/src/figure/scene/network";
import { net321, net321Data, tensor, toNetworkGraph } from "../../lib/src/index";
import { smallNetwork } from "./figure-fixtures";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const light: Theme = {
  light: true,
  paper: "#ffffff",
  text: "#222",
  muted: "#666",
  grid: "#eee",
  accent: "#d62728",
  colors: LIGHT,
};
const unescape = (s: string) =>
  s
    .replace(/<\/?b>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function graph321() {
  const data = net321Data({ n: 4, seed: 0 });
  const net = net321(6);
  const P = net.params;
  return toNetworkGraph(net.loss({ x: tensor(1, 3, data.x.data.subarray(0, 3)), y: tensor(1, 1, [data.y.data[0]]) }), {
    explain: [P.w14, P.w46, P.b6],
    selected: P.w14,
  });
}

describe("network: the SVG and the Lab plot from one scene", () => {
  for (const [name, graph] of [
    ["small network", smallNetwork()],
    ["3-2-1 graph", graph321()],
  ] as const) {
    it(`${name}: same pills, same edge and value labels at the same positions`, () => {
      const fig = networkFigure(graph as never);
      const p = fig.payload;
      const doc = new DOMParser().parseFromString(fig.toSvg(), "image/svg+xml");
      const plot = networkPlot(p, { selected: p.selected }, light);
      const nodes = plot.data[3] as Json;
      // The SVG's offset: its pills are the plot's nodes moved down by the title band.
      const rects = Array.from(doc.getElementsByTagName("rect") as unknown as Element[]).filter(
        (r) => r.getAttribute("rx") === "13",
      );
      expect(rects).toHaveLength(p.nodes.length);
      const dy = Number(rects[0].getAttribute("y")) + 13 - nodes.y[0];
      rects.forEach((r, k) => {
        expect(Math.abs(Number(r.getAttribute("x")) + Number(r.getAttribute("width")) / 2 - nodes.x[k])).toBeLessThan(
          0.1,
        );
        expect(Math.abs(Number(r.getAttribute("y")) + 13 - dy - nodes.y[k])).toBeLessThan(0.1);
      });
      // Small labels: SVG baseline = plot middle + 0.3 em (10 px) + the offset.
      const svgLabels = Array.from(doc.getElementsByTagName("text") as unknown as Element[])
        .filter((t) => t.getAttribute("font-size") === "10")
        .map(
          (t) =>
            `${t.textContent} @ ${Number(t.getAttribute("x")).toFixed(0)},${(Number(t.getAttribute("y")) - dy - 3).toFixed(0)}`,
        )
        .sort();
      const plotLabels = [plot.data[2], plot.data[4]]
        .flatMap((d: Json) =>
          d.text.map((s: string, i: number) => (s ? `${unescape(s)} @ ${d.x[i].toFixed(0)},${d.y[i].toFixed(0)}` : "")),
        )
        .filter(Boolean)
        .sort();
      // Every label is drawn unless the scene found it no room (then neither renderer draws it; its hover stays).
      const dropped = networkScene(p).dropped;
      expect(dropped).toBeLessThanOrEqual(2);
      expect(svgLabels.length).toBe(p.nodes.length + p.edges.length - dropped);
      expect(plotLabels).toEqual(svgLabels);
    });
  }
});
