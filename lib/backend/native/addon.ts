/**
 * The compiled oneDNN addon (src/*.cc), built by set-up into build/ (see
 * scripts/setup/native-addon.ts), and the typed surface the kernels call.
 * Every array argument is a Float32Array view of a live wasm-heap tensor,
 * read or written in place.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { envChoice, envInteger } from "../../env";
import { libRoot } from "../../repo-root";
import { usableCores } from "../cores";

export const NATIVE_THREADS_ENV = "D2L_NATIVE_THREADS";
export const NATIVE_BUILD_ENV = "D2L_NATIVE_BUILD";
export const PRECISION_ENV = "D2L_PRECISION";
/** fp32: everything in float32. bf16: convolutions read their inputs rounded to bfloat16, accumulate in fp32. */
export const PRECISIONS = ["fp32", "bf16"] as const;
export type Precision = (typeof PRECISIONS)[number];
/** oneDNN instruction sets with native bf16 dot products (on older ones it emulates them, slower than fp32). */
export const BF16_ISAS: readonly string[] = ["avx512_core_bf16", "avx512_core_amx"];
export const ADDON_FILE = "d2l_onednn.node";
/** Set-up's record of the last build: built, or why not. */
export const STATUS_FILE = "status.json";

export interface NativeBuildStatus {
  built: boolean;
  /** Why it is not built (one line). */
  reason?: string;
  /** Set by readStatus when the record itself cannot be read as one (never written). */
  damaged?: boolean;
  /** Of the sources, flags, compiler and CPU it was built from. */
  hash?: string;
  /** cpuSignature() of the machine it was built on (it is compiled for that CPU). */
  cpu?: string;
  /** The built file's size in bytes and SHA-256, checked before every load. */
  size?: number;
  sha256?: string;
}

/** The CPU's model and feature flags, hashed: a build with -march=native runs only where this matches. */
export function cpuSignature(): string {
  let flags = "";
  try {
    flags = readFileSync("/proc/cpuinfo", "utf8").match(/^(flags|Features)\s*:.*$/m)?.[0] ?? "";
  } catch {
    // not Linux: the model and architecture below still tell machines apart
  }
  return createHash("sha256")
    .update(`${os.arch()} ${os.cpus()[0]?.model ?? ""} ${flags}`)
    .digest("hex")
    .slice(0, 16);
}

/** Where set-up puts the addon: lib/backend/native/build (ignored by git). */
export function addonBuildDir(): string {
  return path.join(libRoot(), "backend", "native", "build");
}

export interface ConvGeometry {
  n: number;
  ih: number;
  iw: number;
  ic: number;
  oh: number;
  ow: number;
  oc: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  pt: number;
  pl: number;
  pb: number;
  pr: number;
}

export interface PoolGeometry {
  n: number;
  ih: number;
  iw: number;
  c: number;
  oh: number;
  ow: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  pt: number;
  pl: number;
}

export interface MatMulShape {
  batchA: number;
  batchB: number;
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
}

/**
 * The bound for setConvAsProduct that docs/bench.md measured best: 2×2 to 3×3 output images as one matrix
 * product, AlexNet@68's training step 1.09–1.12× faster on 2 threads. Off by default until the notebooks are
 * re-written on its rounding (their prose states results to the digit).
 */
export const CONV_AS_PRODUCT_MAX_PIXELS = 9;

/** tfjs's fused activations by the code the addon knows them by (src/common.h). */
export const ACTIVATION_CODES = { linear: 0, relu: 1, sigmoid: 2, elu: 3, relu6: 4, leakyrelu: 5 } as const;
export type NativeActivation = keyof typeof ACTIVATION_CODES;

type F32 = Float32Array;
export interface NativeAddon {
  info(): { onednn: string; isa: string; threads: number; precision: Precision };
  /** What convolutions round their inputs to; shapes oneDNN has no bf16 kernel for stay fp32. */
  setPrecision(precision: Precision): void;
  /** The most threads a call may use; a call smaller than two shares of work runs on the calling thread. */
  setThreads(options: { threads: number; flopsPerThread?: number; elementsPerThread?: number }): void;
  /**
   * The largest output image (oh·ow pixels) a convolution runs as im2col and one matrix product, from 2×2 up
   * (fp32 only; 0, the default: none). Returns the bound it replaces. CONV_AS_PRODUCT_MAX_PIXELS is the
   * measured best.
   */
  setConvAsProduct(options: { maxPixels: number }): number;
  /** The threads a call of this much work runs on (1 below two shares of work). */
  plannedThreads(work: { flops: number } | { elements: number }): number;
  cacheStats(): { entries: number; hits: number; misses: number; capacity: number; bufferBytes: number };
  clearCache(): void;
  /** Each conv call returns the oneDNN implementation it ran (e.g. "brg:avx512_core", or "im2col+brg:avx512_core"). */
  conv2dForward(
    x: F32,
    filter: F32,
    bias: F32 | null,
    y: F32,
    g: ConvGeometry,
    activation: number,
    alpha: number,
  ): string;
  conv2dBackwardData(dy: F32, filter: F32, dx: F32, g: ConvGeometry): string;
  conv2dBackwardWeights(x: F32, dy: F32, dFilter: F32, dBias: F32 | null, g: ConvGeometry): string;
  matMul(a: F32, b: F32, bias: F32 | null, c: F32, shape: MatMulShape, activation: number, alpha: number): void;
  maxPool(x: F32, y: F32, g: PoolGeometry): void;
  maxPoolGrad(dy: F32, x: F32, dx: F32, g: PoolGeometry): void;
  avgPool(x: F32, y: F32, g: PoolGeometry): void;
  avgPoolGrad(dy: F32, dx: F32, g: PoolGeometry): void;
  sumRows(x: F32, y: F32, shape: { rows: number; cols: number }): void;
  /** y = 1 / (1 + e^−x), bit for bit as wasm's own kernel computes it. */
  sigmoid(x: F32, y: F32, shape: { size: number }): void;
  reluGrad(dy: F32, x: F32, dx: F32, shape: { size: number }): void;
  sigmoidGrad(dy: F32, y: F32, dx: F32, shape: { size: number }): void;
  /** op: 0 add, 1 sub, 2 multiply; b has `size` values, one, or one row of `bSize` repeated. */
  binary(a: F32, b: F32, out: F32, shape: { op: number; size: number; bSize: number }): void;
  /** fp32 GFLOP/s of register-only fused multiply-adds on `threads` threads at once: those cores' practical peak. */
  fmaPeak(options: { iterations: number; threads: number }): number;
  /** w = (−lr)·g + w in place. */
  sgdUpdate(w: F32, g: F32, options: { size: number; lr: number }): void;
  /** tfjs's Adam step in place over w, m and v; accBeta1/2 are β1ᵗ and β2ᵗ for this step. */
  adamUpdate(w: F32, g: F32, m: F32, v: F32, options: AdamStep): void;
}

export interface AdamStep {
  size: number;
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: number;
  accBeta2: number;
}

/** Every function the kernels call; an addon built from older sources lacks some (checked at load). */
const ADDON_FUNCTIONS: readonly (keyof NativeAddon)[] = [
  "info",
  "setThreads",
  "setPrecision",
  "setConvAsProduct",
  "plannedThreads",
  "cacheStats",
  "clearCache",
  "conv2dForward",
  "conv2dBackwardData",
  "conv2dBackwardWeights",
  "matMul",
  "maxPool",
  "maxPoolGrad",
  "avgPool",
  "avgPoolGrad",
  "sumRows",
  "sigmoid",
  "reluGrad",
  "sigmoidGrad",
  "binary",
  "fmaPeak",
  "sgdUpdate",
  "adamUpdate",
];

/** Every core this process may use (usableCores), unless D2L_NATIVE_THREADS says otherwise. */
export function requestedNativeThreads(env: NodeJS.ProcessEnv = process.env, cores = usableCores()): number {
  return envInteger(NATIVE_THREADS_ENV, { min: 1, max: os.availableParallelism(), fallback: cores }, env);
}

/** D2L_PRECISION, fp32 when unset. */
export function requestedPrecision(env: NodeJS.ProcessEnv = process.env): Precision {
  return envChoice(PRECISION_ENV, PRECISIONS, env) ?? "fp32";
}

export function fileSha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The size and SHA-256 a build records of the file it made. */
export function addonIntegrity(file: string): { size: number; sha256: string } {
  return { size: statSync(file).size, sha256: fileSha256(file) };
}

/** Set-up's record, undefined when there is none; a record that is not a build status reads as damaged. */
export function readStatus(dir = addonBuildDir()): NativeBuildStatus | undefined {
  const file = path.join(dir, STATUS_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const damaged = { built: false, damaged: true, reason: `${file} is damaged; npm run setup rebuilds the addon` };
  try {
    const status = JSON.parse(text) as NativeBuildStatus | null;
    return typeof status?.built === "boolean" ? status : damaged;
  } catch {
    return damaged;
  }
}

/**
 * Why the built file is not the one set-up recorded, or undefined when it is. Checked before `require`:
 * a truncated .node file is not an error there but a bus error (exit 135, nothing printed).
 */
export function addonFileProblem(dir: string, status: NativeBuildStatus): string | undefined {
  const file = path.join(dir, ADDON_FILE);
  if (!existsSync(file)) return `the oneDNN addon is not built (${file} is missing); npm run setup builds it`;
  if (status.size === undefined || status.sha256 === undefined) {
    return `the oneDNN addon ${file} has no size and hash recorded (an older set-up built it); npm run setup rebuilds it`;
  }
  const { size } = statSync(file);
  if (size !== status.size) {
    return `the oneDNN addon ${file} is damaged (${size} bytes, the build made ${status.size}); npm run setup rebuilds it`;
  }
  if (fileSha256(file) !== status.sha256) {
    return `the oneDNN addon ${file} is damaged (its SHA-256 differs from the build's); npm run setup rebuilds it`;
  }
  return undefined;
}

let loaded: NativeAddon | undefined;

/** Loads the addon once; throws a one-line reason when it is not built or cannot load. */
export function loadAddon(dir = addonBuildDir()): NativeAddon {
  if (loaded) return loaded;
  const file = path.join(dir, ADDON_FILE);
  const status = readStatus(dir);
  if (!status) {
    const missing = existsSync(file) ? `${path.join(dir, STATUS_FILE)} is missing` : `${file} is missing`;
    throw new Error(`the oneDNN addon is not built (${missing}); npm run setup builds it`);
  }
  if (status.damaged) throw new Error(status.reason);
  if (!status.built) throw new Error(`not built: ${status.reason}`);
  if (status.cpu && status.cpu !== cpuSignature()) {
    throw new Error("the oneDNN addon was compiled for another CPU; npm run setup rebuilds it for this one");
  }
  const problem = addonFileProblem(dir, status);
  if (problem) throw new Error(problem);
  // OpenMP threads that spin-wait stall for whole scheduler ticks when another process holds a core (2 threads
  // trained LeNet at 0.1× of 1 thread on a loaded 2-core machine); passive waiting does not. libgomp reads this
  // once, when the addon loads it.
  if (!process.env.OMP_WAIT_POLICY && !process.env.GOMP_SPINCOUNT) process.env.OMP_WAIT_POLICY = "PASSIVE";
  let addon: NativeAddon;
  try {
    addon = require(file) as NativeAddon;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(`the oneDNN addon at ${file} does not load: ${reason}`);
  }
  const missing = ADDON_FUNCTIONS.filter((name) => typeof addon[name] !== "function");
  if (missing.length > 0) {
    throw new Error(`the oneDNN addon is older than lib (it lacks ${missing.join(", ")}); npm run setup rebuilds it`);
  }
  loaded = addon;
  return loaded;
}
