/**
 * Everything the notebooks and tests need, installed idempotently:
 * Debian packages (Jupyter, nbconvert, the data set, Chromium, g++ and oneDNN),
 * the lib build the notebooks import, the native backend's addon, the tslab
 * kernel spec, and the Fashion-MNIST files.
 * (npm packages come first, from scripts/run.cjs.)
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { loadFashionMnist } from "../lib/data";
import { ensureDebianPackages } from "./setup/debian";
import { hasJupyter, registerKernel } from "./setup/kernel";
import { buildNativeAddon } from "./setup/native-addon";
import { libBuildIsCurrent, markLibBuilt, pruneStaleOutputs } from "./setup/stale-build";
import { installPlotlyForNotebook } from "./setup/plotly-nbextension";
import { repoRoot } from "../lib/repo-root";

const log = (line: string) => console.log(line);

/** `tsc`: the compiler to run (tests pass a stand-in); `force`: build even when lib/dist is up to date. */
export function buildLib({
  tsc = path.join(repoRoot(), "node_modules", ".bin", "tsc"),
  force = false,
}: {
  tsc?: string;
  force?: boolean;
} = {}): void {
  const lib = path.join(repoRoot(), "lib");
  // Rewriting unchanged .d.ts files makes running tslab kernels recompile mid-cell ("Unexpected pending rebuildTimer").
  if (!force && libBuildIsCurrent(lib)) {
    log("setup: lib/dist is up to date");
    return;
  }
  // The compiler itself, not through npx: a Ctrl-C then shows as the signal that stopped it.
  const run = spawnSync(tsc, ["-p", "lib/tsconfig.json"], { cwd: repoRoot(), stdio: "inherit" });
  if (run.signal) {
    throw new Error(`setup: building lib (tsc -p lib/tsconfig.json) was interrupted (${run.signal}); run it again`);
  }
  if (run.status !== 0) throw new Error("setup: building lib (tsc -p lib/tsconfig.json) failed; see the errors above");
  const stale = pruneStaleOutputs(path.join(lib, "dist"), lib);
  markLibBuilt(lib);
  log(
    `setup: lib built (lib/dist)${stale.length ? `; removed ${stale.length} compiled files whose source is gone` : ""}`,
  );
}

export async function setup(): Promise<void> {
  ensureDebianPackages(log);
  buildLib();
  await buildNativeAddon({ log });
  // Whenever some Jupyter runs (Debian's or pip's), not only when dpkg lists jupyter-notebook.
  if (hasJupyter()) {
    registerKernel(log);
    installPlotlyForNotebook(log);
  }
  // Reads and validates the four files now (downloading them if no copy is found), so a
  // broken or missing data set is reported here rather than in the middle of a notebook.
  const data = await loadFashionMnist({ log });
  log(`setup: Fashion-MNIST ${data.train.count} + ${data.val.count} images in ${data.dir} (${data.origin})`);
  log("setup: done");
}

if (require.main === module) {
  setup().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
