// Exercise 7: LeNet with dropout and ReLU; augmentation from the images' invariances.
export { withDropout } from "./dropout";
export { architectureFindings, augmentationFindings, seedBudget, type ArchitectureComparisons } from "./findings";
