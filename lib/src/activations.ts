import { bindActivation, type Activation, type Params } from "./activation";
import { CATALOG } from "./catalog";

/** The ids of every activation in the table, in table order. */
export function activationIds(): string[] {
  return CATALOG.map((e) => e.id);
}

/**
 * Looks an activation up by id and binds its parameters.
 * @example activation("sigmoid").df(0) // 0.25
 */
export function activation(id: string, params?: Params): Activation {
  const entry = CATALOG.find((e) => e.id === id);
  if (!entry) {
    throw new Error(`unknown activation "${id}"; valid ids are: ${activationIds().join(", ")}`);
  }
  return bindActivation(entry, params);
}
