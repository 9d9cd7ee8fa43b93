// Exercise 7: LeNet with dropout and ReLU; augmentation from the images' invariances.
export { D2L_LENET, sgdSteps, type LenetBudget } from "./budget";
