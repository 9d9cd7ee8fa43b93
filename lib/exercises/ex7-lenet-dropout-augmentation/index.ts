// Exercise 7: LeNet with dropout and ReLU; augmentation from the images' invariances.
export { seedBudget, sgdSteps, type LenetBudget } from "./budget";
export { architectureFindings, type ArchitectureComparisons } from "./architecture";
export { augmentationFindings } from "./augmentation";
export { dropoutAugmentationAnswer } from "./answer";
