import type { Scene, TrainingPayload } from "actigrad/figure";
import { formatProgress, trainingScene } from "actigrad/figure";
import type { Theme } from "../theme";
import { h, SceneKindView, type Host } from "./common";

/** The training figure with its live progress line; redrawn in place on every display update. */
export class TrainingView extends SceneKindView<TrainingPayload> {
  private progress = h("div", "jp-RenderedActigrad-progress");
  private bar = h("div", "jp-RenderedActigrad-progress-bar");
  private line = h("span", "jp-RenderedActigrad-progress-text");

  constructor(host: Host) {
    super(host);
    this.progress.append(this.bar, this.line);
    host.top.append(this.progress);
  }

  override setPayload(p: TrainingPayload): void {
    this.p = p;
    const g = p.progress;
    this.progress.hidden = !g;
    if (g) {
      this.line.textContent = formatProgress(g);
      this.bar.style.width = `${g.total > 0 ? Math.min(100, (100 * g.step) / g.total) : 0}%`;
      this.progress.classList.toggle("jp-mod-done", g.step >= g.total);
    }
  }

  protected layout(theme: Theme, width: number, hidden: string[]): Scene {
    // NB: the live progress line is above the plot (a DOM line with a bar), not in the figure.
    return trainingScene(this.p, { theme, width, hidden, progress: false });
  }
}
