// The root of `actigrad`: what a notebook uses. The rest lives in subpaths: `actigrad/catalog` (the activation table
// and its math), `actigrad/autodiff` (the scalar engine), `actigrad/nn` (layers, losses, optimizers, datasets),
// `actigrad/kernels` (array loops, WebAssembly kernels, matrix products) and `actigrad/figure` (for renderers).

// Activations: look one up, define one, check its derivatives.
export { activation, activationIds, defineActivation, vectorActivation } from "./catalog/lookup";
export type { ActivationLike, ActivationSpec, VectorActivation } from "./catalog/lookup";
export type { Activation, Properties } from "./activation";
export { gradCheck } from "./grad-check";
export type { GradCheckReport } from "./grad-check";

// Scalar autodiff and the worked 3-2-1 network.
export { Value, value, input, sum } from "./autodiff/value";
export { explain } from "./autodiff/explain";
export { toNetworkGraph } from "./autodiff/graph";
export { NET321_PARAMS, net321, net321Loss, net321FiniteDifferences, gradientThreeWays } from "./autodiff/net321";

// Networks, training and data.
export { tensor } from "./nn/tensor";
export type { Tensor } from "./nn/tensor";
export { Rng, rng } from "./nn/rng";
export { mlp, Sequential } from "./nn/sequential";
export type { Batch, MlpOptions } from "./nn/sequential";
export type { InitName } from "./nn/init";
export { optimizer } from "./nn/optimizers";
export { train } from "./nn/train";
export { accuracy } from "./nn/accuracy";
export { lossLandscape } from "./nn/landscape";
export { gradCheckModel } from "./nn/grad-check-model";
export { xor, moons, circles, spirals, blobs, sine, net321Data } from "./data/index";

// Figures and display. The payload contract, its validator and the display protocol are in `actigrad/figure`.
export { show } from "./show";
export { display, displayBundle } from "./display";
export type { Displayable, DisplayHandle, DisplayOptions, MimeBundle } from "./display";
export type { Figure } from "./figure/figure";
export { activationFigure, linspace } from "./figure/activation-figure";
export type { ActivationFigureOptions } from "./figure/activation-figure";
export { networkFigure } from "./figure/network-figure";
export type { NetworkFigureOptions } from "./figure/network-figure";
export { trainingFigure } from "./figure/training-figure";
export type { TrainingFigureOptions } from "./figure/training-figure";
export { landscapeFigure } from "./figure/landscape-figure";
export type { LandscapeFigureOptions } from "./figure/landscape-figure";
export { curvesFigure } from "./figure/curves-figure";
export type {
  CurveLineSpec,
  CurvesFigureOptions,
  CurvesPanelSpec,
  LineFromData,
  LineFromFunction,
  PointsSpec,
} from "./figure/curves-figure";
export type {
  Explanation,
  GraphEdge,
  GraphNode,
  GraphPath,
  LandscapeSlice,
  LayerTrace,
  NetworkGraph,
  TrainingHistory,
} from "./figure/data";
export type { Payload } from "./figure/payload";
export { toSvg } from "./svg/to-svg";

// Claims that notebooks check, across seeds.
export { claim, acrossSeeds, runSeed } from "./claim";
export type { ClaimNumbers, SeedRuns } from "./claim";
