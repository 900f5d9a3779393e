// One scene function per panel kind, by the payload's kind.
import type { Payload } from "../payload";
import { activationScene } from "./activation";
import { curvesScene } from "./curves";
import { landscapeScene } from "./landscape";
import { trainingScene } from "./training";
import type { Scene } from "./types";
import type { SceneView } from "./view";

/** The payload's scene for a view; the network figure has its own pixel scene (networkScene). */
export function sceneOf(p: Exclude<Payload, { kind: "network" }>, view: SceneView = {}): Scene {
  switch (p.kind) {
    case "curves":
      return curvesScene(p, view);
    case "training":
      return trainingScene(p, view);
    case "landscape":
      return landscapeScene(p, view);
    case "activation":
      return activationScene(p, view);
  }
}
