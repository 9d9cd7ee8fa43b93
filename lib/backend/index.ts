/**
 * Picks the fastest TensorFlow.js backend this machine can load (README
 * "Compute backends"): tfjs-node-gpu, then tfjs-node, then native (oneDNN
 * kernels over wasm), then wasm (with the training kernels lib adds), then
 * the pure-JS cpu backend.
 * D2L_BACKEND=node-gpu|node|native|wasm|cpu forces one; forcing one that cannot load is an error.
 * A bad setting (EnvError, e.g. D2L_NATIVE_THREADS=abc) is an error too, never a reason to fall through.
 */
import { EnvError, envChoice } from "../env";
import { tf } from "../tf";
import { PRECISION_ENV, prepareNativeBackend, requestedPrecision } from "./native";
import { prepareWasmBackend } from "./wasm";

export const BACKEND_NAMES = ["node-gpu", "node", "native", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export const BACKEND_ENV = "D2L_BACKEND";

export interface BackendInfo {
  /** Our name for it (see BACKEND_NAMES). */
  name: BackendName;
  /** The tfjs backend name tf.getBackend() reports. */
  tfjsBackend: string;
  /** The npm package that provides it and its version. */
  package: string;
  version: string;
  tfjsCoreVersion: string;
  /** Worker threads the backend computes with, where it has a notion of it. */
  threads?: number;
  /** What else identifies it (native: the oneDNN version and instruction set). */
  detail?: string;
  /** Why faster backends were skipped, one line each. */
  skipped: string[];
}

interface Candidate {
  name: BackendName;
  package: string;
  /** What fails to load when not the package itself (native: the oneDNN addon, whose errors name its file). */
  part?: string;
  load(): Promise<{ tfjsBackend: string; threads?: number; detail?: string }>;
}

function packageVersion(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** tfjs-node and tfjs-node-gpu both register the backend "tensorflow" when required. */
async function loadNative(pkg: string): Promise<{ tfjsBackend: string }> {
  require(pkg);
  if (!(await tf.setBackend("tensorflow"))) throw new Error(`${pkg} loaded but its backend did not initialise`);
  return { tfjsBackend: "tensorflow" };
}

export const CANDIDATES: readonly Candidate[] = [
  { name: "node-gpu", package: "@tensorflow/tfjs-node-gpu", load: () => loadNative("@tensorflow/tfjs-node-gpu") },
  { name: "node", package: "@tensorflow/tfjs-node", load: () => loadNative("@tensorflow/tfjs-node") },
  {
    name: "native",
    package: "@tensorflow/tfjs-backend-wasm",
    part: "the oneDNN addon",
    load: () => prepareNativeBackend(),
  },
  { name: "wasm", package: "@tensorflow/tfjs-backend-wasm", load: () => prepareWasmBackend() },
  {
    name: "cpu",
    package: "@tensorflow/tfjs-backend-cpu",
    load: async () => {
      require("@tensorflow/tfjs-backend-cpu");
      if (!(await tf.setBackend("cpu"))) throw new Error("the cpu backend did not initialise");
      return { tfjsBackend: "cpu" };
    },
  },
];

function whyUnavailable(error: unknown, pkg: string): string {
  const text = error instanceof Error ? error.message : String(error);
  if (text.startsWith(`Cannot find module '${pkg}'`)) return "not installed";
  return text.split("\n")[0].slice(0, 400);
}

/** Parses D2L_BACKEND; undefined when unset. */
export function forcedBackend(env: NodeJS.ProcessEnv = process.env): BackendName | undefined {
  return envChoice(BACKEND_ENV, BACKEND_NAMES, env);
}

let active: Promise<BackendInfo> | undefined;

/**
 * Loads the backend once per process and returns what it is. Later calls
 * return the same answer. `log` receives one line per skipped backend and one
 * naming the chosen one.
 */
export function initBackend(
  options: { env?: NodeJS.ProcessEnv; candidates?: readonly Candidate[]; log?: (line: string) => void } = {},
): Promise<BackendInfo> {
  active ??= selectBackend(options);
  return active;
}

export async function selectBackend({
  env = process.env,
  candidates = CANDIDATES,
  log = (line: string) => console.log(line),
}: {
  env?: NodeJS.ProcessEnv;
  candidates?: readonly Candidate[];
  log?: (line: string) => void;
} = {}): Promise<BackendInfo> {
  const forced = forcedBackend(env);
  const precision = requestedPrecision(env);
  // bf16 exists only in the addon: say so before loading anything else.
  if (precision !== "fp32" && forced !== undefined && forced !== "native") {
    throw new EnvError(
      `${PRECISION_ENV}=${precision} works only on the native backend, and ${BACKEND_ENV}=${forced} asks for another; unset one of them`,
    );
  }
  const required = forced ?? (precision === "fp32" ? undefined : "native");
  const order = required ? candidates.filter((c) => c.name === required) : candidates;
  const skipped: string[] = [];
  for (const candidate of order) {
    try {
      const loaded = await candidate.load();
      const info: BackendInfo = {
        name: candidate.name,
        tfjsBackend: loaded.tfjsBackend,
        package: candidate.package,
        version: packageVersion(candidate.package),
        tfjsCoreVersion: tf.version_core,
        threads: loaded.threads,
        detail: loaded.detail,
        skipped,
      };
      log(`tfjs backend: ${describeBackend(info)}`);
      return info;
    } catch (error) {
      if (error instanceof EnvError) throw error;
      const part = candidate.part ?? candidate.package;
      if (required) {
        const why = forced ? `${BACKEND_ENV}=${forced}` : `${PRECISION_ENV}=${precision} needs the native backend`;
        throw new Error(`${why}: ${part} cannot be loaded: ${whyUnavailable(error, part)}`);
      }
      const line = `${candidate.name} backend skipped (${part}): ${whyUnavailable(error, part)}`;
      skipped.push(line);
      // An optional package that is not installed is the normal case (tfjs-node here); say only what the user can act on.
      if (!line.endsWith(": not installed")) log(line);
    }
  }
  throw new Error(`no TensorFlow.js backend could be loaded:\n${skipped.join("\n")}`);
}

export function describeBackend(info: BackendInfo): string {
  const threads = info.threads === undefined ? "" : `, ${info.threads} thread${info.threads === 1 ? "" : "s"}`;
  const over = info.detail ? `${info.detail} over ` : "";
  return `${info.name} (${over}${info.package} ${info.version}${threads})`;
}
