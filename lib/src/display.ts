/** The key under which an object returns its MIME bundle (the convention Deno's Jupyter kernel uses). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A Jupyter MIME bundle: MIME type → data (JSON for `application/*+json`, strings otherwise). */
export type MimeBundle = Record<string, unknown>;

/** Anything that can describe itself as a MIME bundle. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** Options for one display message (the kernel hook's low-level form). */
export interface DisplayOptions {
  /** Jupyter display id; outputs sharing it can be replaced in place. */
  displayId?: string;
  /** Replace the output with this display id instead of adding a new one. */
  update?: boolean;
}

/** A displayed output that can be replaced in place. */
export interface DisplayHandle extends Displayable {
  /** The Jupyter display id shared by the output and its updates. */
  readonly id: string;
  /**
   * Replaces the output with `obj`, wherever the output is (even in an earlier cell). The kernel sends at most
   * about 10 updates a second and always the last one before the cell ends, so calling this in a tight loop is cheap:
   * `obj`'s bundle is built only when an update is actually sent.
   */
  update(obj: Displayable | MimeBundle): void;
}

/**
 * What the actigrad kernel installs on `globalThis` under `Symbol.for("actigrad.kernel")`.
 * NB: lib never imports the kernel; the kernel publishes this hook and lib looks it up.
 */
export interface KernelHook {
  /** Sends one output; a function is called only when the kernel actually sends it (updates are throttled). */
  display(bundle: MimeBundle | (() => MimeBundle), options?: DisplayOptions): void;
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

function requireHook(): KernelHook {
  const hook = kernelHook();
  if (!hook) {
    throw new Error(
      'actigrad: display needs the "TypeScript (actigrad)" Jupyter kernel, and none is running here. ' +
        "Outside a notebook, build the figure (e.g. activationFigure(...)) and use .toSvg(), .payload or .bundle().",
    );
  }
  return hook;
}

/** Checks `x` now, so a bad argument fails at the call, not later when a throttled update is sent. */
function bundleOf(x: Displayable | MimeBundle, fn: string): () => MimeBundle {
  if (isDisplayable(x)) return () => x[JUPYTER_DISPLAY]();
  const keys = typeof x === "object" && x !== null && !Array.isArray(x) ? Object.keys(x) : [];
  const bad = keys.filter((k) => !/^[\w.+-]+\/[\w.+-]+$/.test(k));
  if (!keys.length || bad.length) {
    const got = keys.length ? `an object with keys ${bad.map((k) => JSON.stringify(k)).join(", ")}` : String(x);
    throw new TypeError(
      `actigrad: ${fn} expects an object with a [Symbol.for("Jupyter.display")]() method or a MIME bundle ` +
        `such as { "text/plain": "…" }; got ${got}.`,
    );
  }
  return () => x as MimeBundle;
}

/** Sends one output carrying every MIME type of `x`'s bundle. Throws a clear error outside the kernel. */
export function displayBundle(x: Displayable | MimeBundle, options?: DisplayOptions): void {
  const hook = requireHook();
  hook.display(bundleOf(x, "displayBundle")(), options);
}

let lastId = 0;

/**
 * Displays `obj` (a displayable object or a MIME bundle) as one output and returns a handle to update it in place.
 * Throws a clear error outside the "TypeScript (actigrad)" kernel.
 * @example
 * const h = display(figure);           // one output: JSON for Lab, SVG for export, text for everything else
 * for (...) { train(); h.update(figure); }  // live, throttled to about 10 redraws a second
 */
export function display(obj: Displayable | MimeBundle, options: { id?: string } = {}): DisplayHandle {
  const hook = requireHook();
  const bundle = bundleOf(obj, "display")();
  // NB: ids only need to be unique within the kernel's lifetime; Date.now() keeps them unique across restarts.
  const id = options.id ?? `actigrad-${Date.now().toString(36)}-${++lastId}`;
  hook.display(bundle, { displayId: id });
  return {
    id,
    update(next) {
      hook.display(bundleOf(next, "update"), { displayId: id, update: true });
    },
    // NB: an empty bundle, so `display(x)` as a cell's last line shows x once, as IPython's display() does.
    [JUPYTER_DISPLAY]: () => ({}),
  };
}
