// One scene, two renderers: the network figure's static SVG and its Lab plot put the same labels (same text) at the
// same places, to a tenth of a pixel, once the SVG's title band is allowed for.
import { describe, expect, it } from "vitest";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { networkScene } from "../../lib/src/figure/scene/network";
import { net321, net321Data, tensor, toNetworkGraph } from "../../lib/src/index";
import { smallNetwork } from "./figure-fixtures";
import { networkDisagreements } from "./scene-agreement";

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
      const p = networkFigure(graph as never).payload;
      expect(networkDisagreements(p)).toEqual([]);
      // Every label is drawn unless the scene found it no room (then neither renderer draws it; its hover stays).
      expect(networkScene(p).dropped).toBeLessThanOrEqual(2);
    });
  }
});
