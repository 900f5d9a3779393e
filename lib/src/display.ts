/** The key under which an object returns its MIME bundle (the convention Deno's Jupyter kernel uses). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A Jupyter MIME bundle: MIME type → data (JSON for `application/*+json`, strings otherwise). */
export type MimeBundle = Record<string, unknown>;

/** Anything that can describe itself as a MIME bundle. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** Options for one display output. */
export interface DisplayOptions {
  /** Jupyter display id; outputs sharing it can be replaced in place. */
  displayId?: string;
  /** Replace the output with this display id instead of adding a new one. */
  update?: boolean;
}

/**
 * What the actigrad kernel installs on `globalThis` under `Symbol.for("actigrad.kernel")`.
 * NB: lib never imports the kernel; the kernel publishes this hook and lib looks it up.
 */
export interface KernelHook {
  display(bundle: MimeBundle, options?: DisplayOptions): void;
}

const KERNEL_HOOK = Symbol.for("actigrad.kernel");

/** The running actigrad kernel's hook, or undefined outside one. */
export function kernelHook(): KernelHook | undefined {
  return (globalThis as Record<symbol, KernelHook | undefined>)[KERNEL_HOOK];
}

/** Whether `x` implements the Jupyter display protocol. */
export function isDisplayable(x: unknown): x is Displayable {
  return typeof x === "object" && x !== null && typeof (x as Record<symbol, unknown>)[JUPYTER_DISPLAY] === "function";
}

/** Sends one output carrying every MIME type of `x`'s bundle. Throws a clear error outside the kernel. */
export function displayBundle(x: Displayable | MimeBundle, options?: DisplayOptions): void {
  const hook = kernelHook();
  if (!hook) {
    throw new Error(
      'actigrad: display needs the "TypeScript (actigrad)" Jupyter kernel, and none is running here. ' +
        "Outside a notebook, build the figure (e.g. activationFigure(...)) and use .toSvg(), .payload or .bundle().",
    );
  }
  hook.display(isDisplayable(x) ? x[JUPYTER_DISPLAY]() : x, options);
}
