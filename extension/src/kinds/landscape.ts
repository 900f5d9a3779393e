import type { LandscapePayload, Scene } from "actigrad/figure";
import { sceneOf } from "actigrad/figure";
import type { Theme } from "../theme";
import { SceneKindView } from "./common";

/** Loss contours per slice with the descent path and −∇L arrows, drawn from the shared scene. */
export class LandscapeView extends SceneKindView<LandscapePayload> {
  protected layout(theme: Theme, width: number): Scene {
    return sceneOf(this.p, { theme, width });
  }
}
