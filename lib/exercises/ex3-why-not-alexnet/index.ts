// Exercise 3: why AlexNet is no longer a benchmark.
// Notebook 3 imports it as "d2l-alexnet/ex3".
export { ALEXNET_PAPER, PUBLISHED_MODELS, findPublished, type PublishedModel } from "./published";
export { comparisonRow, countedRow, publishedRow, type ComparisonRow } from "./comparison";
export { comparisonTable, versusTable } from "./comparison-table";
export { macsShareOf, operationMix, operationMixTable, type OperationShare } from "./op-mix";
