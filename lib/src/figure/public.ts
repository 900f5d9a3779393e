// `actigrad/figure`: what a renderer of figure payloads needs (the Lab extension): the payload contract, its
// validator, the display protocol a kernel reads (JUPYTER_DISPLAY, kernelHook), the shared scenes, label placement, palette and formatters. NB: nothing here imports the static SVG
// drawer, so a bundle built from this entry does not contain it.
export * from "./payload";
export { KINDS, validatePayload } from "./validate";
export {
  JUPYTER_DISPLAY,
  isDisplayable,
  kernelHook,
  type Displayable,
  type KernelHook,
  type MimeBundle,
} from "../display";
export { decimate, minMaxIndices, strideIndices } from "./decimate";
export { fmt } from "./format";
export { formatDuration, formatProgress } from "./progress";
export {
  CONTOUR_CONTRAST,
  contourColor,
  contrastRatio,
  isHexColor,
  shadeColor,
  trainingPaletteIndices,
} from "./palette";
export { LABEL_CHAR, placeLabels, stackLabels, textBox, textWidth, type Box } from "./labels";
export { activationNames, fExtent, tangentHalf } from "./scene/activation";
export {
  edgeLabelAt,
  hotEdges,
  NETWORK_LABEL_SIZE,
  networkScene,
  pathFormula,
  type NetworkScene,
  type SceneLabel,
} from "./scene/network";
export { sceneOf } from "./scene/index";
export { DESIGN_WIDTH, MIN_WIDTH, type SceneView } from "./scene/view";
export type { Scene, SceneLegendEntry, ScenePanel, SceneText } from "./scene/types";
export { DARK_PALETTE, DARK_THEME, LIGHT_THEME, PALETTE, seriesColor, type SceneTheme } from "./theme";
export { annotation, MIDDLE_EM, plotText, toPlotly, type PlotlyFigure } from "../plotly/to-plotly";
export { trainingScene } from "./scene/training";
export { landscapeScene, levelCount, MAX_ARROWS } from "./scene/landscape";
export { activationScene, CURVES, seriesKey, shownCurves, steepest, type CurveKey } from "./scene/activation";
export { curvesScene, lineKey, pointsKey, thinnedNote } from "./scene/curves";
