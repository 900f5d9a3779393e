/** The MIME type of every actigrad figure. The version is part of the type, as plotly does. */
export const MIME_TYPE = "application/vnd.actigrad.v1+json";

/** One activation's curves sampled on the figure's shared x grid. */
export interface ActivationSeries {
  id: string;
  label: string;
  /** LaTeX of f, f′, f″ for the renderer's typesetter. */
  latex: { f: string; df: string; d2f: string };
  f: number[];
  df: number[];
  d2f: number[];
}

/** kind "activation": one or more activations, with f, f′ and f″ over a range. */
export interface ActivationPayload {
  version: 1;
  kind: "activation";
  title: string;
  x: number[];
  series: ActivationSeries[];
}

/** Every payload kind; the renderer switches on `kind`. */
export type Payload = ActivationPayload;
