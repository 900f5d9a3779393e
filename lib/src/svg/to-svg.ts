import type { Payload } from "../figure/payload";
import { activationScene } from "../figure/scene/activation";
import { curvesScene } from "../figure/scene/curves";
import { trainingScene } from "../figure/scene/training";
import { landscapeScene } from "../figure/scene/landscape";
import { drawScene } from "./draw-scene";
import { networkSvg } from "./network-svg";

/** The static SVG of any payload kind: self-contained, no scripts or URLs, hover text in `<title>`s. */
export function toSvg(p: Payload): string {
  switch (p.kind) {
    case "activation":
      return drawScene(activationScene(p));
    case "network":
      return networkSvg(p);
    case "training":
      return drawScene(trainingScene(p));
    case "landscape":
      return drawScene(landscapeScene(p));
    case "curves":
      return drawScene(curvesScene(p));
  }
}
