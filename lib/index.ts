// The library's public surface: what notebooks import as "d2l-alexnet".
export { tf, tfl } from "./tf";
export * from "./backend";
export * from "./presets";
export * from "./models/spec";
export * from "./models/zoo";
export * from "./models/build";
export * from "./train/data";
export * from "./train/history";
export * from "./train/metrics";
export * from "./train/optimizer";
export * from "./train/progress";
export * from "./train/trainer";
export * from "./data";
export * from "./cost";
export * from "./run-info";
export * from "./train/experiment";
export * from "./plot";
export * from "./train/default-progress";
