// Exercise 8: make AlexNet overfit; what breaks training.
export { breakingFindings, overfitFindings } from "./findings";
export { trainValGapFigure } from "./train-val-gap-figure";
export { withoutActivations } from "./without-activations";
