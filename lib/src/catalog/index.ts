// The activation table: one entry per activation, and the only registry. Docs, plots and tests iterate it.
// Adding an activation: write its row in the family file that fits and list it in that file's array (see
// docs/add-an-activation.md); the table below is the families, in order.
import type { ActivationEntry } from "../activation";
import { GELU } from "./gelu";
import { HARD } from "./hard";
import { LOGISTIC } from "./logistic";
import { OTHER } from "./other";
import { RECTIFIERS } from "./relu";
import { TANH } from "./tanh";
import { log_softmax, softmax, type VectorActivationEntry } from "./vector";

/** Every scalar activation, in the order of the docs. */
export const CATALOG: readonly ActivationEntry[] = [...LOGISTIC, ...TANH, ...RECTIFIERS, ...GELU, ...HARD, ...OTHER];

/** The activations of a whole vector (softmax, log_softmax), with Jacobian–vector products. */
export const VECTOR_CATALOG: readonly VectorActivationEntry[] = [softmax, log_softmax];
