export { erf, erfc, erfcx } from "./erf";
export { normalCdf, normalPdf } from "./normal";
export { expNegSquare, expNegHalfSquare, expSquare, squareMinus } from "./exp-square";
export { sigmoid, sigmoidDeriv, softplus, sech2 } from "./logistic";
