// `actigrad/catalog`: the activation table and its math — the rows, lookup by id, rows added at run time, property
// estimates, derivative checks and the special functions the rows are written with.
export { CATALOG, VECTOR_CATALOG } from "./index";
export {
  activation,
  activationIds,
  defineActivation,
  undefineActivation,
  vectorActivation,
  vectorActivationIds,
} from "./lookup";
export type { ActivationLike, ActivationSpec, VectorActivation } from "./lookup";
export { isActivation } from "../activation";
export type {
  Activation,
  ActivationEntry,
  ArrayKernels,
  FloatArray,
  Formulas,
  Interval,
  Kink,
  ParamSpec,
  Params,
  Properties,
  Range,
  Saturation,
  Scalar,
} from "../activation";
export type { VectorActivationEntry, VectorProperties } from "./vector";
export { estimateProperties } from "./estimate";
export { gradCheck } from "../grad-check";
export type { GradCheckOptions, GradCheckReport, GradCheckResult } from "../grad-check";
export { erf, erfc, erfcx, normalCdf, normalPdf } from "../special/index";
