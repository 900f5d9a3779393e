import type { PlotlyElement } from "plotly.js-dist-min";
import type { CurvesPayload, Scene } from "actigrad/figure";
import { sceneOf, toPlotly } from "actigrad/figure";
import type { Theme } from "../theme";
import { FONT_FAMILY, onLegendClick, type Host, type PlotlyFigure, type View } from "./common";

/** x–y panels drawn from the shared scene; a click on a legend entry hides or shows its curves. */
export class CurvesView implements View<CurvesPayload> {
  private p!: CurvesPayload;
  private hidden = new Set<string>();
  private scene: Scene | undefined;

  constructor(private host: Host) {}

  setPayload(p: CurvesPayload): void {
    this.p = p;
  }

  figure(theme: Theme, width: number): PlotlyFigure {
    this.scene = sceneOf(this.p, { theme, width, hidden: [...this.hidden] });
    return toPlotly(this.scene, { fontFamily: FONT_FAMILY });
  }

  bind(gd: PlotlyElement): void {
    onLegendClick(gd, () => this.scene, (key) => {
      if (!this.hidden.delete(key)) this.hidden.add(key);
      this.host.redraw();
    });
  }
}
