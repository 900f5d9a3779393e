import type { Payload } from "../figure/payload";
import { activationSvg } from "./activation-svg";

/** The static SVG of any payload kind. */
export function toSvg(p: Payload): string {
  switch (p.kind) {
    case "activation":
      return activationSvg(p);
  }
}
