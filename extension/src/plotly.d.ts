// The small part of plotly.js that the renderer uses.
declare module "plotly.js-dist-min" {
  export interface PlotlyPoint {
    x: number;
    y: number;
    pointIndex: number;
    curveNumber: number;
    customdata?: unknown;
    data: { meta?: unknown };
  }
  export interface PlotlyEvent {
    points: PlotlyPoint[];
  }
  export interface PlotlyElement extends HTMLElement {
    on(event: "plotly_hover" | "plotly_click", cb: (e: PlotlyEvent) => void): void;
    on(event: "plotly_unhover", cb: () => void): void;
    on(event: "plotly_clickannotation", cb: (e: { index: number; annotation?: { name?: string } }) => void): void;
  }
  export function react(el: HTMLElement, data: object[], layout: object, config?: object): Promise<PlotlyElement>;
  export function purge(el: HTMLElement): void;
  export const Plots: { resize(el: HTMLElement): Promise<void> | void };
}
