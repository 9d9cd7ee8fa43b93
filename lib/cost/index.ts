// lib/cost: parameters, MACs/FLOPs, memory and roofline of a layer spec.
export * from "./dtype";
export * from "./count";
export * from "./memory";
export * from "./torchsummary";
export * from "./devices";
export * from "./roofline";
export * from "./chip";
export * from "./table";
export * from "./roofline-table";
export * from "./saturation";
export * from "./saturation-table";
