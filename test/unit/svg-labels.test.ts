// Static SVG labels: no two text boxes intersect and none leaves the drawing, on the notebook series' crowded
// figures (notebook 01's descent curves and 3-2-1 graph, notebook 02's three panels) and every kind's fixture.
import { describe, expect, it } from "vitest";
import { SERIES_FIGURES } from "./series-figures";
import { outside, overlaps, textBoxes } from "./svg-text-boxes";

describe("static SVG text boxes", () => {
  for (const [name, make] of Object.entries(SERIES_FIGURES)) {
    it(`${name}: no two labels intersect, none leaves the drawing`, () => {
      const { boxes, width, height } = textBoxes(make().toSvg());
      expect(boxes.length).toBeGreaterThan(5);
      expect(overlaps(boxes)).toEqual([]);
      expect(outside(boxes, width, height)).toEqual([]);
    });
  }
});
