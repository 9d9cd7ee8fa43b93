// Exercise 8: make AlexNet overfit; what breaks training.
export { trainValGapFigure } from "./train-val-gap-figure";
