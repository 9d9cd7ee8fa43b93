// Training runs as values: their settings, summaries, outcomes, tables and comparison figures (exercises 4–8), and the same run across seeds.
export * from "./run";
export * from "./load-data";
export * from "./summary";
export * from "./outcome";
export * from "./table";
export * from "./figures";
export * from "./seeds";
export * from "./compare";
export * from "./endpoints-table";
export * from "./claims";
