/**
 * The library's layers (docs/architecture.md). A file may import its own layer
 * and the layers listed before it, never a later one; `npm test` runs this check
 * (`npm run layers`). Every file under lib/ must belong to a layer, so a new
 * folder is placed on purpose, not by accident.
 */
const LAYERS = [
  { name: "base", path: "^lib/(tf|env|presets|versions|repo-root|optimizer-names)\\.ts$|^lib/(format|source-hash)/" },
  { name: "backend", path: "^lib/backend/" },
  { name: "models, data, plot", path: "^lib/(models|data|plot)/|^lib/run-info\\.ts$" },
  { name: "cost", path: "^lib/cost/" },
  { name: "train", path: "^lib/train/" },
  { name: "profile", path: "^lib/profile/" },
  { name: "runs", path: "^lib/runs/" },
  { name: "exercises", path: "^lib/exercises/" },
  { name: "index", path: "^lib/index\\.ts$" },
];

/**
 * Known exceptions, each to be removed by moving a file: backend/memory-limit.ts
 * (tfjs-free; it sizes the memory a backend offers with cost/memory-guard's
 * types) belongs in cost/, next to memory-guard.ts.
 */
const EXCEPTIONS = ["^lib/backend/memory-limit\\.ts$"];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name.replace(/[^a-z]+/g, "-")}`,
  comment: `${layer.name} may import only itself and the layers before it (${
    LAYERS.slice(0, i)
      .map((l) => l.name)
      .join(" → ") || "none"
  })`,
  severity: "error",
  from: { path: layer.path, pathNot: EXCEPTIONS },
  to: {
    path: LAYERS.slice(i + 1)
      .map((l) => l.path)
      .join("|"),
  },
}));

// Folders side by side in one layer do not import each other either.
const SIDE_BY_SIDE = ["models", "data", "plot"];
const sideways = SIDE_BY_SIDE.map((folder) => ({
  name: `side-by-side-${folder}`,
  comment: `lib/${folder} does not import ${SIDE_BY_SIDE.filter((f) => f !== folder).join(" or ")} (same layer)`,
  severity: "error",
  from: { path: `^lib/${folder}/` },
  to: { path: `^lib/(${SIDE_BY_SIDE.filter((f) => f !== folder).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...upward,
    ...sideways,
    {
      name: "exercises-apart",
      comment: "an exercise module serves one notebook; what two exercises share belongs in a reusable layer",
      severity: "error",
      from: { path: "^lib/exercises/([^/]+)/" },
      to: { path: "^lib/exercises/", pathNot: "^lib/exercises/$1/" },
    },
    {
      name: "lib-file-in-no-layer",
      comment: "every lib/ file belongs to a layer in .dependency-cruiser.cjs; add new folders there",
      severity: "error",
      from: { path: "^lib/", pathNot: [...LAYERS.map((l) => l.path), "^lib/dist/", "^lib/node_modules/"] },
      to: {},
    },
    {
      name: "cost-never-loads-tfjs",
      comment:
        "the cost counters run without tfjs (the cost CLI, notebooks 1-3 before any backend): no path from lib/cost to tfjs",
      severity: "error",
      from: { path: "^lib/cost/" },
      to: { path: "@tensorflow/|^lib/tf\\.ts$|^lib/backend/", reachable: true },
    },
    {
      name: "no-dynamic-import-in-lib",
      comment: "lib loads its own modules statically; a dynamic import would hide a layer crossing",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^lib/", dependencyTypes: ["dynamic-import"] },
    },
    {
      name: "lib-stands-alone",
      comment: "the library never imports the scripts or the tests",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(scripts|test)/" },
    },
    {
      name: "no-circular",
      comment: "no import cycles, between files or folders",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/dist/|node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
