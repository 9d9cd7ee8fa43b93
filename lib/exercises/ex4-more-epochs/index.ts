// Exercise 4: more epochs, AlexNet vs LeNet.
export { logitScaleAtInit } from "./logit-scale";
