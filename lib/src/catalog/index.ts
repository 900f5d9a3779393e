// The activation table: one entry per activation, and the only registry. Docs, plots and tests iterate it.
// Adding an activation: write its entry in the family file, then add it to CATALOG below.
import type { ActivationEntry } from "../activation";
import { gelu, gelu_tanh } from "./gelu";
import { hardshrink, hardsigmoid, hardswish, softshrink } from "./hard";
import { logsigmoid, mish, sigmoid, silu, softplus } from "./logistic";
import { gaussian, identity, sin, step } from "./other";
import { celu, elu, leaky_relu, relu, relu6, selu } from "./relu";
import { hardtanh, softsign, tanh, tanhshrink } from "./tanh";
import { log_softmax, softmax, type VectorActivationEntry } from "./vector";

/** Every scalar activation, in the order of the docs. */
export const CATALOG: readonly ActivationEntry[] = [
  identity,
  sigmoid,
  tanh,
  relu,
  leaky_relu,
  relu6,
  elu,
  selu,
  celu,
  gelu,
  gelu_tanh,
  silu,
  mish,
  softplus,
  softsign,
  hardtanh,
  hardsigmoid,
  hardswish,
  logsigmoid,
  tanhshrink,
  softshrink,
  hardshrink,
  sin,
  gaussian,
  step,
];

/** The activations of a whole vector (softmax, log_softmax), with Jacobian–vector products. */
export const VECTOR_CATALOG: readonly VectorActivationEntry[] = [softmax, log_softmax];
