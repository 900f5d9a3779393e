// `actigrad/autodiff`: the scalar engine (Value and its derivatives table), explanations of the chain rule, the graph
// export, and the worked 3-2-1 network.
export { Value, value, input, sum, dot, activate, topoSort, adjoints, localDerivative, localLabel } from "./value";
export type { ValueRole } from "./value";
export { explain, ChainRule, nodeId } from "./explain";
export type { ChainRuleFormat, ExplainOptions } from "./explain";
export { toNetworkGraph } from "./graph";
export type { NetworkGraphOptions } from "./graph";
export { latexLabel } from "./latex";
export {
  NET321_PARAMS,
  NET321_FORMULAS,
  Net321,
  net321,
  net321Weights,
  net321Loss,
  net321HandGradient,
  net321FiniteDifferences,
  net321Model,
  gradientThreeWays,
} from "./net321";
export type { Net321Param, Net321Weights, Net321Nodes, ThreeWays } from "./net321";
