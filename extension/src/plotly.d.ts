// The small part of plotly.js that the renderer uses.
declare module "plotly.js-dist-min" {
  export function react(el: HTMLElement, data: object[], layout: object, config?: object): Promise<HTMLElement>;
  export function purge(el: HTMLElement): void;
  export const Plots: { resize(el: HTMLElement): void };
}
