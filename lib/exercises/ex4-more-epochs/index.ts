// Exercise 4: more epochs, AlexNet vs LeNet.
export { moreEpochsFindings, type MoreEpochsRuns } from "./findings";
