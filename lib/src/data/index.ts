export { makeDataset, oneHot } from "./dataset";
export type { Dataset, DatasetOptions } from "./dataset";
export { xor, moons, circles, spirals, blobs } from "./classification";
export { sine, polynomial, net321Data } from "./regression";
export type { RegressionSplit, RegressionOptions } from "./regression";
