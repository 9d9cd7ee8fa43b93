// Exercise 5: simplify AlexNet; a better model for 28×28 images.
export { accuracyOverTime } from "./accuracy-over-time";
export { meanCurve, lateRise, type MeanCurvePoint } from "./mean-curve";
export { inputSizeNote, sameLayerShapes, smallestInput } from "./smallest-input";
export { compareToBaseline, pickSimplified, resolvedApart, type BaselineComparison, type Verdict } from "./verdict";
export { variantTable } from "./variant-table";
export {
  designFindings,
  plateauSentence,
  simplificationFindings,
  simplifyAnswer,
  variantBudget,
  type VariantBudget,
} from "./findings";
export { meanCurveFigure } from "./figures";
