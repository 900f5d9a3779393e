import { JUPYTER_DISPLAY, type MimeBundle } from "../display";
import { MIME_TYPE, type Payload } from "./payload";
import { toSvg } from "../svg/to-svg";

/**
 * A figure: one JSON payload, drawn interactively by the JupyterLab extension and
 * statically by `toSvg`, so both always show the same data.
 */
export class Figure<P extends Payload = Payload> {
  constructor(
    /** The JSON the renderer draws. */
    readonly payload: P,
    /** A one-line text summary, the `text/plain` fallback. */
    readonly summary: string,
  ) {}

  /** A self-contained SVG of the same figure, for exported HTML. */
  toSvg(): string {
    return toSvg(this.payload);
  }

  /** The MIME bundle: custom JSON for Lab, SVG for export, text for everything else. */
  bundle(): MimeBundle {
    return { [MIME_TYPE]: this.payload, "image/svg+xml": this.toSvg(), "text/plain": this.summary };
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return this.bundle();
  }
}
