/**
 * Runs tfjs-backend-wasm's multithreaded build under Node. The package turns
 * threads off under Node (its WASM_HAS_MULTITHREAD_SUPPORT flag is false there,
 * tfjs issue #3830) because its pthread workers are started from a Blob URL,
 * which Node's worker_threads cannot load, and then load the main script from
 * another Blob. Here the package's own worker script is written to a file,
 * with its Blob import pointed at the package's threaded-simd factory, and the
 * Blob URL for the worker is answered with that file. The wasm side also caps
 * its thread pool at (logical cores / 2), read from os.cpus() while the module
 * initialises (1 on a 2-vCPU machine), so os.cpus() reports enough cores then.
 */
import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { Script } from "node:vm";
import { join } from "node:path";
import { envInteger } from "../../env";
import { tf } from "../../tf";

export const THREADS_ENV = "D2L_WASM_THREADS";
/**
 * 1: on the shared 2-vCPU machines this project runs on, 1 thread trained
 * faster than 2 in 8 of 9 paired measurements (LeNet 1.1–1.9×, AlexNet@224
 * 0.9–1.5×; docs/bench.md): when another process holds the second core, the
 * pool's spin-waiting thread slows the step. D2L_WASM_THREADS=2 on an idle
 * machine (a 2048³ matmul: 23 → 28 GFLOP/s; a 5×5×96×256 conv 1.0 → 0.44 s).
 */
export const DEFAULT_THREADS = 1;

/**
 * 8: the threaded build pre-allocates a pthread pool of 8 workers
 * (`pthreadPoolSize=8` in tfjs-backend-wasm-threaded-simd.js) and its thread
 * pool never uses more: asking for 9, 16 or 64 ran 8. A larger value is an
 * error rather than a silent cap.
 */
export const MAX_THREADS = 8;

/** Threads from D2L_WASM_THREADS (an integer from 1 to MAX_THREADS), else DEFAULT_THREADS capped by the cores present. */
export function requestedThreads(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  return envInteger(
    THREADS_ENV,
    { min: 1, max: MAX_THREADS, fallback: Math.max(1, Math.min(DEFAULT_THREADS, cores)) },
    env,
  );
}

const BLOB_IMPORT =
  "var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)";

/** The package's pthread worker script, with its Blob import replaced by an import of the threaded factory file. */
export function workerScript(): string {
  const factory = require.resolve("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js");
  const { wasmWorkerContents } =
    require("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js") as {
      wasmWorkerContents: string;
    };
  if (!wasmWorkerContents.includes(BLOB_IMPORT))
    throw new Error("the wasm worker script changed; cannot patch its Blob import");
  // The exported template string holds a real newline where the script means "\n" (the package escapes it too).
  const script = wasmWorkerContents
    .replace(/\n/g, "\\n")
    .replace(BLOB_IMPORT, `importScripts(${JSON.stringify(factory)})`);
  // A worker that fails to parse takes the whole process down from inside the pool; fail here instead.
  new Script(script, { filename: "tfjs-backend-wasm pthread worker" });
  return script;
}

let workerDir: string | undefined;

/**
 * Writes the worker script into a folder only this process can use (mkdtemp, mode 0700, removed at exit):
 * a shared, predictable path in /tmp let another user plant code that every worker then ran.
 */
export function writeWorkerScript(script = workerScript()): string {
  if (!workerDir) {
    const dir = mkdtempSync(join(os.tmpdir(), "d2l-wasm-worker-"));
    chmodSync(dir, 0o700);
    workerDir = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  const file = join(workerDir, "pthread-worker.js");
  writeFileSync(`${file}.tmp`, script, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Throws unless `file` holds exactly `script`; run before each worker starts from it. */
export function verifyWorkerScript(file: string, script: string): void {
  let text: string | undefined;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // reported below
  }
  if (text !== script) throw new Error(`the wasm worker script ${file} is missing or was changed; refusing to run it`);
}

/**
 * Must run after the wasm package is required and before its backend initialises.
 * `initialise` sets the backend up; the worker pool (8 workers) is created inside it.
 */
export async function withThreads<T>(threads: number, initialise: () => Promise<T>): Promise<T> {
  const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  let workerFile: string | undefined;
  let script = "";
  if (threads > 1) {
    try {
      script = workerScript();
      workerFile = writeWorkerScript(script);
    } catch (error) {
      console.warn(
        `wasm backend: using 1 thread, the worker script could not be prepared: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (!workerFile) {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    return initialise();
  }
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  wasm.setThreadsCount(threads);
  const file = workerFile;
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (blob: Blob) => {
    if (blob.type !== "application/javascript") return createObjectURL(blob);
    verifyWorkerScript(file, script);
    return file;
  };
  const reported = cpus();
  os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => reported[i % reported.length]);
  try {
    const result = await initialise();
    letProcessExit();
    return result;
  } finally {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
  }
}

interface PthreadWorkers {
  PThread?: { runningWorkers: { unref(): void }[]; unusedWorkers: { unref(): void }[] };
}

/** The thread pool's workers wait on the shared heap forever; referenced, they would keep Node from exiting. */
function letProcessExit(): void {
  const { PThread } = (tf.backend() as unknown as { wasm: PthreadWorkers }).wasm;
  for (const worker of [...(PThread?.runningWorkers ?? []), ...(PThread?.unusedWorkers ?? [])]) worker.unref();
}

export function actualThreads(): number {
  const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  return wasm.getThreadsCount();
}
