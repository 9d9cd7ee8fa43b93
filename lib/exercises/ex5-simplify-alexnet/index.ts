// Exercise 5: simplify AlexNet; a better model for 28×28 images.
export { accuracyOverTime } from "./accuracy-over-time";
export { meanCurve, type MeanCurvePoint } from "./mean-curve";
export { sameLayerShapes, smallestInput } from "./smallest-input";
export { compareToBaseline, pickSimplified, type BaselineComparison, type Verdict } from "./verdict";
export { variantTable } from "./variant-table";
export { meanCurveFigure } from "./figures";
