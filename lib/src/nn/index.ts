// `actigrad/nn`: tensors, layers, losses, optimizers, training, landscapes and the datasets. (The matrix products
// are in `actigrad/kernels`.)
export { Rng, rng } from "./rng";
export { tensor, fromRows, toRows, shapeOf, isTensor } from "./tensor";
export type { Tensor } from "./tensor";
export { resolveActivation } from "./activate";
export type { ActivationLike } from "./activate";
export { INITIALIZERS, initWeights } from "./init";
export type { InitName } from "./init";
export { scalarName, scalarSymbol, scalarLabel } from "./param";
export type { Param } from "./param";
export { Dense, dense } from "./dense";
export type { DenseOptions, LayerStats } from "./dense";
export { Sequential, sequential, mlp } from "./sequential";
export type { SequentialOptions, MlpOptions, Batch, ScalarRef, InputGradientOptions } from "./sequential";
export type { ForwardTrace, LayerForward } from "./sequential";
export { LOSSES, checkLoss, computeLoss } from "./losses";
export type { LossName } from "./losses";
export { OPTIMIZERS, optimizer, checkOptimizer } from "./optimizers";
export type { Optimizer, OptimizerName, OptimizerOptions } from "./optimizers";
export { train, NonFiniteLossError, deadFractions } from "./train";
export type { TrainOptions, StepInfo } from "./train";
export { gradCheckModel } from "./grad-check-model";
export type { ModelGradCheck, ModelGradCheckOptions, ParamGradCheck } from "./grad-check-model";
export { lossLandscape } from "./landscape";
export type { LandscapeOptions } from "./landscape";
export { accuracy } from "./accuracy";
export type { AccuracyOptions } from "./accuracy";
export * from "../data/index";
