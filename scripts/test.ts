/**
 * `npm test`: set up what the tests need (as `npm start` does), type-check,
 * check the layers, formatting and lint, then run every test/*.test.ts with node's test runner. Extra arguments select test files by
 * substring, e.g. `npm test -- models`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { setup } from "./setup";
import { repoRoot } from "../lib/repo-root";

/** The layer check (.dependency-cruiser.cjs); `npm run layers` runs the same. */
const DEPCRUISE_ARGS = ["lib", "scripts", "test", "--config", ".dependency-cruiser.cjs"];

async function main(): Promise<number> {
  await setup();
  const filters = process.argv.slice(2);
  const files = readdirSync(path.join(repoRoot(), "test"))
    .filter((f) => f.endsWith(".test.ts"))
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
    .sort()
    .map((f) => path.join("test", f));
  if (files.length === 0) {
    console.error(`test: no test file matches ${filters.join(", ")}`);
    return 2;
  }
  // tsx strips types without checking them; strict mode is only real if the tests check it.
  const tsc = spawnSync(path.join(repoRoot(), "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], {
    cwd: repoRoot(),
    stdio: "inherit",
  });
  if (tsc.status !== 0) {
    console.error("test: type errors (tsc -p tsconfig.json, strict); fix them first");
    return 1;
  }
  console.log("test: types check (tsc -p tsconfig.json, strict)");
  const layers = spawnSync(path.join(repoRoot(), "node_modules", ".bin", "depcruise"), DEPCRUISE_ARGS, {
    cwd: repoRoot(),
    stdio: "inherit",
  });
  if (layers.status !== 0) {
    console.error("test: an import breaks the library's layers (docs/architecture.md); `npm run layers` lists them");
    return 1;
  }
  const biome = spawnSync(path.join(repoRoot(), "node_modules", ".bin", "biome"), ["check", "--reporter=summary"], {
    cwd: repoRoot(),
    stdio: "inherit",
  });
  if (biome.status !== 0) {
    console.error(
      "test: formatting or lint errors (biome.json); `npm run format` fixes the formatting, `npm run lint` lists the rest",
    );
    return 1;
  }
  const tsx = path.join(repoRoot(), "node_modules", ".bin", "tsx");
  const run = spawnSync(tsx, ["--test", "--test-reporter=spec", ...files], { cwd: repoRoot(), stdio: "inherit" });
  return run.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
