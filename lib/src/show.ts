import { isActivation, type Activation } from "./activation";
import { activationFigure, type ActivationFigureOptions } from "./figure/activation-figure";
import { displayBundle, type Displayable } from "./display";

/**
 * Displays activations (as one figure of f and f′) or any displayable objects, one output each.
 * Needs the "TypeScript (actigrad)" kernel; outside it, throws an Error saying so.
 * @example show(activation("sigmoid"), activation("tanh"))
 */
export function show(...items: (Activation | Displayable)[]): void {
  const acts = items.filter(isActivation);
  if (acts.length) displayBundle(activationFigure(acts));
  for (const i of items) if (!isActivation(i)) displayBundle(i);
}

export type { ActivationFigureOptions };
