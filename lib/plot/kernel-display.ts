/**
 * Sending a multi-mime display bundle from inside the tslab kernel.
 *
 * tslab's public API (`display.raw(type, value)`, `newDisplay()` from "tslab")
 * puts exactly one mime type in each display_data message. A figure needs one
 * message carrying several (plotly JSON for JupyterLab, HTML for the classic
 * Notebook, PNG for exports and untrusted notebooks, text): frontends and
 * nbconvert pick the best type of ONE output; several single-type outputs would
 * all be shown. tslab has no public bundle call, so we use the function its own
 * `display.raw` calls: `lastWriteDisplayData(content, update)`, exported by
 * tslab/dist/jupyter.js (declared in its jupyter.d.ts) and set by the kernel to
 * the current execute request's writer before each cell runs. It takes a whole
 * display_data content `{ data, metadata, transient: { display_id } }`, with
 * `update` choosing update_display_data (replace the output with that display
 * id in place) over display_data — exactly what `newDisplay()` does.
 *
 * We look that module up in require.cache instead of `require("tslab")`: lib is
 * loaded by Node's plain require, which may resolve a different copy of tslab
 * than the one running the kernel (a global install); the running kernel's copy
 * is the one in this process's module cache. Finding it with its writer set is
 * also the reliable test that we are inside a tslab kernel at all.
 */
import { randomBytes } from "node:crypto";
import { checkHookVersion, versionOfModuleFile } from "../versions";

export type MimeBundle = Record<string, unknown>;

interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

type WriteDisplayData = (content: DisplayContent, update: boolean) => void;

const TSLAB_JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

const checkedTslabFiles = new Set<string>();

function kernelWriter(): WriteDisplayData | undefined {
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (!TSLAB_JUPYTER_MODULE.test(file)) continue;
    if (!checkedTslabFiles.has(file)) {
      // The writer is tslab's internal; another tslab version may have moved or changed it.
      checkHookVersion("tslab", versionOfModuleFile(file, "tslab"), `the kernel's copy, ${file}`);
      checkedTslabFiles.add(file);
    }
    const writer = (loaded?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === "function") return writer as WriteDisplayData;
  }
  return undefined;
}

/** True while running inside a tslab Jupyter kernel that can display rich output. */
export function inTslabKernel(): boolean {
  return kernelWriter() !== undefined;
}

function write(content: DisplayContent, update: boolean): void {
  const writer = kernelWriter();
  if (!writer) throw new Error("not inside a tslab kernel: check inTslabKernel() before displaying");
  writer(content, update);
}

/** Shows one output holding every representation in `data`; the frontend picks the best it can render. */
export function displayBundle(data: MimeBundle, metadata: Record<string, unknown> = {}): void {
  write({ data, metadata, transient: {} }, false);
}

/** One output entry that later calls replace in place (tslab's newDisplay(), for bundles). */
export interface UpdatableDisplay {
  show(data: MimeBundle, metadata?: Record<string, unknown>): void;
}

export function updatableDisplay(): UpdatableDisplay {
  const displayId = randomBytes(8).toString("hex");
  let shown = false;
  return {
    show(data, metadata = {}) {
      write({ data, metadata, transient: { display_id: displayId } }, shown);
      shown = true;
    },
  };
}
