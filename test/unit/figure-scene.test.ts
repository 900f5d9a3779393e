// One scene, two renderers: the network figure's static SVG and its Lab plot put the same labels (same text) at the
// same places, to a tenth of a pixel, once the SVG's title band is allowed for.
import { describe, expect, it } from "vitest";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { networkScene } from "../../lib/src/figure/scene/network";
import { smallNetwork } from "./figure-fixtures";
import { networkDisagreements } from "./scene-agreement";
import { graph321 } from "./series-figures";

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
