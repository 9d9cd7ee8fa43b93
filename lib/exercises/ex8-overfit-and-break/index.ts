// Exercise 8: make AlexNet overfit; what breaks training.
export {
  breakingFindings,
  overfitAndBreakAnswer,
  overfitFindings,
  type BreakingRuns,
  type OverfitRuns,
} from "./findings";
export { trainValGapFigure } from "./train-val-gap-figure";
