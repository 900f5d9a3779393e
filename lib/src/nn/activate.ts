import type { Activation } from "../activation";
import { activation, activationIds, type ActivationLike } from "../catalog/lookup";

export type { ActivationLike };

/** out[i] = f(x[i]), through the catalog's array kernel. */
export function applyF(act: Activation, x: Float64Array, out: Float64Array): void {
  act.fArray(x, out);
}

/** out[i] = f(x[i]) and dOut[i] = f′(x[i]) in one pass (the catalog's fused kernel: one exp for tanh). */
export function applyFdf(act: Activation, x: Float64Array, out: Float64Array, dOut: Float64Array): void {
  act.fdfArray(x, out, dOut);
}

const IDENTITY_IDS = ["identity", "linear"];

/**
 * Resolves a spec to a bound Activation; null means the identity (no elementwise work at all).
 * Unknown ids throw the catalog's error, which lists the valid ids.
 */
export function resolveActivation(spec: ActivationLike | null | undefined): Activation | null {
  if (spec === null || spec === undefined) return null;
  if (typeof spec === "string") {
    if (IDENTITY_IDS.includes(spec)) return null;
    return activation(spec);
  }
  if (typeof (spec as Activation).f === "function") {
    return IDENTITY_IDS.includes((spec as Activation).id) ? null : (spec as Activation);
  }
  const s = spec as { id: string; params?: Readonly<Record<string, number>> };
  if (typeof s.id !== "string") {
    throw new Error(`an activation is an id (one of: ${activationIds().join(", ")}), an Activation, or { id, params }`);
  }
  if (IDENTITY_IDS.includes(s.id)) return null;
  return activation(s.id, s.params);
}

/**
 * Whether f′ is exactly 0 somewhere (ReLU-like), probed at a few points: only such layers record dead units.
 * NB: only |x| ≤ 10: further out, smooth activations' f′ (GELU's Φ(x) + xφ(x)) underflows to 0.
 */
export function canDie(act: Activation | null): boolean {
  if (!act) return false;
  for (const x of [-10, -3, -1, -0.5, 0.5, 1, 3, 10]) if (act.df(x) === 0) return true;
  return false;
}
