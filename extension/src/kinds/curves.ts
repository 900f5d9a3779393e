import type { CurvesPayload, Scene } from "actigrad/figure";
import { sceneOf } from "actigrad/figure";
import type { Theme } from "../theme";
import { SceneKindView } from "./common";

/** x–y panels drawn from the shared scene; a click on a legend entry hides or shows its curves. */
export class CurvesView extends SceneKindView<CurvesPayload> {
  protected layout(theme: Theme, width: number, hidden: string[]): Scene {
    return sceneOf(this.p, { theme, width, hidden });
  }
}
