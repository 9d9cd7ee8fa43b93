// Exercise 4: more epochs, AlexNet vs LeNet.
export { moreEpochsAnswer, moreEpochsFindings, moreEpochsTable, type MoreEpochsRuns } from "./findings";
export { logitScaleAtInit } from "./logit-scale";
