// `actigrad/figure`: what a renderer of figure payloads needs (the Lab extension): the payload contract, its
// validator, the shared scenes, label placement, palette and formatters. NB: nothing here imports the static SVG
// drawer, so a bundle built from this entry does not contain it.
export * from "./payload";
export { validatePayload } from "./validate";
export { strideIndices } from "./decimate";
export { fmt } from "./format";
export { formatDuration, formatProgress } from "./progress";
export { CONTOUR_CONTRAST, contourColor, contrastRatio, isHexColor, shadeColor, trainingPaletteIndices } from "./palette";
export { LABEL_CHAR, placeLabels, stackLabels, textBox, textWidth, type Box } from "./labels";
export { activationNames, fExtent, tangentHalf } from "./scene/activation";
export { edgeLabelAt, hotEdges, NETWORK_LABEL_SIZE, networkScene, pathFormula, type NetworkScene, type SceneLabel } from "./scene/network";
