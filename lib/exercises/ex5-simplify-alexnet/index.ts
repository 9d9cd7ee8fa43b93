// Exercise 5: simplify AlexNet; a better model for 28×28 images.
export { accuracyOverTime } from "./accuracy-over-time";
export { pickSimplified, variantTable } from "./variant-table";
export { designFindings, simplificationFindings, variantBudget } from "./findings";
