/**
 * Compiles the oneDNN addon (lib/backend/native/src/*.cc) with the system's
 * C++ compiler against Debian's libdnnl-dev and npm's Node-API headers, into
 * lib/backend/native/build/ (ignored by git). No node-gyp, no download.
 * Rebuilds only when the sources, flags or compiler change, or the built
 * file is not the one the build recorded (size and SHA-256 in status.json). Where it cannot
 * build, it says why in one line and the project runs on wasm.
 *   D2L_NATIVE_BUILD=off  skip it (the native backend is then unavailable)
 *   CXX=...               the compiler (default g++)
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { envChoice, envValue } from "../../lib/env";
import {
  ADDON_FILE,
  addonBuildDir,
  addonFileProblem,
  addonIntegrity,
  cpuSignature,
  NATIVE_BUILD_ENV,
  type NativeBuildStatus,
  readStatus,
  STATUS_FILE,
} from "../../lib/backend/native/addon";
import { repoRoot } from "../../lib/repo-root";

const SOURCE_DIR = path.join(repoRoot(), "lib", "backend", "native", "src");
const INCLUDES = [
  path.join(repoRoot(), "node_modules", "node-addon-api"),
  path.join(repoRoot(), "node_modules", "node-api-headers", "include"),
];
// -march=native vectorises the pooling loops for this CPU; the build records the CPU (cpuSignature) and
// the loader refuses a build made for another one, which could crash on an unknown instruction.
const COMPILE_FLAGS = [
  "-O3",
  "-march=native",
  "-std=c++17",
  "-fPIC",
  "-fopenmp",
  // a·b + c rounded twice, as wasm computes it: the fused optimizer updates then match tfjs's bit for bit.
  "-ffp-contract=off",
  // sqrt without errno vectorises (Adam's update ran 3× slower with the scalar call).
  "-fno-math-errno",
  "-DNAPI_VERSION=8",
  "-DNAPI_CPP_EXCEPTIONS",
  "-Wall",
];
const LINK_FLAGS = ["-shared", "-fopenmp", "-ldnnl"];

function writeStatus(dir: string, status: NativeBuildStatus): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, STATUS_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(status, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

function compilerVersion(cxx: string): string | undefined {
  const result = spawnSync(cxx, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.split("\n")[0] : undefined;
}

function sourceHash(cxx: string, version: string): string {
  const hash = createHash("sha256").update(
    JSON.stringify({ cxx, version, COMPILE_FLAGS, LINK_FLAGS, cpu: cpuSignature() }),
  );
  for (const file of readdirSync(SOURCE_DIR).sort())
    hash.update(file).update(readFileSync(path.join(SOURCE_DIR, file)));
  return hash.digest("hex");
}

function run(command: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => resolve({ code: 127, stderr: error.message }));
    child.on("close", (code) => resolve({ code: code ?? 1, stderr }));
  });
}

/** The first line of a compiler's errors that says what is wrong, with a fix for the usual one. */
function firstError(stderr: string): string {
  if (/dnnl\.hpp: No such file/.test(stderr)) return "oneDNN's headers are missing (apt-get install libdnnl-dev)";
  if (/cannot find -ldnnl/.test(stderr)) return "oneDNN's library is missing (apt-get install libdnnl-dev)";
  return (
    stderr
      .split("\n")
      .find((line) => /error/i.test(line))
      ?.trim() ??
    (stderr.trim().split("\n")[0] || "unknown error")
  );
}

export interface NativeBuildOptions {
  env?: NodeJS.ProcessEnv;
  /** Where to build (tests use a temp dir); default lib/backend/native/build. */
  dir?: string;
  log?: (line: string) => void;
}

/** Builds the addon if needed and returns what happened; never throws for a missing toolchain. */
export async function buildNativeAddon({
  env = process.env,
  dir = addonBuildDir(),
  log = console.log,
}: NativeBuildOptions = {}): Promise<NativeBuildStatus> {
  const unavailable = (reason: string): NativeBuildStatus => {
    const status: NativeBuildStatus = { built: false, reason };
    writeStatus(dir, status);
    log(`setup: native backend unavailable (${reason}); the wasm backend will be used`);
    return status;
  };
  if (envChoice(NATIVE_BUILD_ENV, ["on", "off"], env) === "off") return unavailable(`${NATIVE_BUILD_ENV}=off`);
  const cxx = envValue("CXX", env) ?? "g++";
  const version = compilerVersion(cxx);
  if (!version) return unavailable(`no C++ compiler: \`${cxx} --version\` failed (apt-get install g++, or set CXX)`);
  const hash = sourceHash(cxx, version);
  const target = path.join(dir, ADDON_FILE);
  const previous = readStatus(dir);
  if (previous?.damaged) log(`setup: ${path.join(dir, STATUS_FILE)} is damaged; rebuilding the oneDNN addon`);
  else if (previous?.built && previous.hash === hash) {
    const problem = addonFileProblem(dir, previous);
    if (!problem) {
      log("setup: native backend up to date (lib/backend/native/build)");
      return previous;
    }
    log(`setup: ${problem.replace(/; npm run setup rebuilds it$/, "")}; rebuilding it`);
  }
  const work = path.join(dir, `.building-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const sources = readdirSync(SOURCE_DIR)
      .filter((f) => f.endsWith(".cc"))
      .sort();
    log(`setup: compiling the oneDNN addon (${sources.length} files with ${cxx}; about half a minute)...`);
    const started = performance.now();
    const includes = INCLUDES.flatMap((dir) => ["-I", dir]);
    const objects = sources.map((file) => path.join(work, file.replace(/\.cc$/, ".o")));
    const compiled = await Promise.all(
      sources.map((file, i) =>
        run(cxx, [...COMPILE_FLAGS, ...includes, "-c", path.join(SOURCE_DIR, file), "-o", objects[i]]),
      ),
    );
    const failed = compiled.find((r) => r.code !== 0);
    if (failed) return unavailable(`compiling failed: ${firstError(failed.stderr)}`);
    const linked = await run(cxx, [...objects, "-o", path.join(work, ADDON_FILE), ...LINK_FLAGS]);
    if (linked.code !== 0) return unavailable(`linking failed: ${firstError(linked.stderr)}`);
    const built = path.join(work, ADDON_FILE);
    const status: NativeBuildStatus = { built: true, hash, cpu: cpuSignature(), ...addonIntegrity(built) };
    renameSync(built, target);
    writeStatus(dir, status);
    log(
      `setup: native backend built in ${((performance.now() - started) / 1000).toFixed(0)} s (${path.relative(repoRoot(), target)})`,
    );
    return status;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
