// Exercise 7: LeNet with dropout and ReLU; augmentation from the images' invariances.
export { withDropout } from "./dropout";
export {
  acrossSeeds,
  compareAcrossSeeds,
  formatAccuracySpread,
  seededComparisonTable,
  spreadOf,
  type SeededComparison,
  type SeedRunHooks,
  type Spread,
} from "./seeds";
export { architectureFindings, augmentationFindings, seedBudget, type ArchitectureComparisons } from "./findings";
