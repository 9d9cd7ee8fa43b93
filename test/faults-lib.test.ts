/**
 * Fault injection for issue 18's library-side items: a damaged native build,
 * a planted wasm worker script, empty products, and messages that named the
 * wrong thing. Each test feeds the fault and checks the outcome, in a child
 * process where the old behaviour was a crash.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { CANDIDATES, selectBackend } from "../lib/backend";
import { backendMemoryLimit } from "../lib/backend/memory-limit";
import { ADDON_FILE, addonBuildDir, readStatus, STATUS_FILE } from "../lib/backend/native/addon";
import { prepareNativeBackend } from "../lib/backend/native";
import { verifyWorkerScript, workerScript, writeWorkerScript } from "../lib/backend/wasm/threads";
import { buildLib } from "../scripts/setup";
import { buildNativeAddon } from "../scripts/setup/native-addon";
import { buildModel } from "../lib/models/build";
import { chromiumProblem } from "../lib/plot/chromium";
import { lenetSpec } from "../lib/models/zoo";
import { runScriptJson } from "./child-script";
import { tempDir } from "./fault-helpers";
import { libRoot, repoRoot } from "../lib/repo-root";

const LIB = libRoot();

/** Node with this process's loader (tsx), running `script`; status, signal and both streams. */
function runNode(script: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawnSync(process.execPath, [...process.execArgv, "-e", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

/** Picks between native (built in D2L_TEST_ADDON_DIR) and wasm as the library does, printing what it logged. */
const SELECT = `
const { CANDIDATES, selectBackend } = require(${JSON.stringify(path.join(LIB, "backend"))});
const { prepareNativeBackend } = require(${JSON.stringify(path.join(LIB, "backend", "native"))});
const dir = process.env.D2L_TEST_ADDON_DIR;
const native = CANDIDATES.find((c) => c.name === "native");
const wasm = CANDIDATES.find((c) => c.name === "wasm");
const candidates = [{ ...native, load: () => prepareNativeBackend({ dir }) }, wasm];
selectBackend({ candidates }).then(
  (info) => console.log(JSON.stringify({ name: info.name })),
  (error) => { console.error(error.message); process.exit(1); },
);
`;

const built = readStatus()?.built === true;

/** A copy of this checkout's good build in a temp folder. */
function copyBuild(dir: string): string {
  for (const file of [ADDON_FILE, STATUS_FILE]) copyFileSync(path.join(addonBuildDir(), file), path.join(dir, file));
  return path.join(dir, ADDON_FILE);
}

describe("1. a damaged native build is one line and wasm, never a bus error", {
  skip: !built && "no native build",
}, () => {
  test("a truncated addon: the default choice falls back to wasm naming the file and the fix", (t) => {
    const dir = tempDir(t);
    const addon = copyBuild(dir);
    truncateSync(addon, 100_000);
    const run = runNode(SELECT, { D2L_TEST_ADDON_DIR: dir });
    assert.equal(run.signal, null, `the child died of ${run.signal} (status ${run.status})`);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)!), { name: "wasm" });
    const skipped = run.stdout.split("\n").filter((line) => line.startsWith("native backend skipped"));
    assert.equal(skipped.length, 1, run.stdout);
    assert.ok(skipped[0].includes(addon) && skipped[0].includes("npm run setup"), skipped[0]);
  });

  test("a truncated addon with D2L_BACKEND=native forced: exit 1 and one line naming the file and the fix", (t) => {
    const dir = tempDir(t);
    const addon = copyBuild(dir);
    truncateSync(addon, 100_000);
    const run = runNode(SELECT, { D2L_TEST_ADDON_DIR: dir, D2L_BACKEND: "native" });
    assert.equal(run.signal, null, `the child died of ${run.signal} (status ${run.status})`);
    assert.equal(run.status, 1);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines.length, 1, run.stderr);
    assert.ok(lines[0].startsWith("D2L_BACKEND=native: "), lines[0]);
    assert.ok(lines[0].includes(addon) && lines[0].includes("npm run setup"), lines[0]);
  });

  test("a same-size addon with other bytes is refused too", (t) => {
    const dir = tempDir(t);
    const addon = copyBuild(dir);
    const bytes = readFileSync(addon);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(addon, bytes);
    const run = runNode(SELECT, { D2L_TEST_ADDON_DIR: dir, D2L_BACKEND: "native" });
    assert.equal(run.status, 1, run.stdout);
    assert.ok(run.stderr.includes(addon) && run.stderr.includes("npm run setup"), run.stderr);
  });

  test("a damaged status.json is not ignored: the choice falls back to wasm naming it", (t) => {
    const dir = tempDir(t);
    copyBuild(dir);
    writeFileSync(path.join(dir, STATUS_FILE), '{"built": tr');
    const run = runNode(SELECT, { D2L_TEST_ADDON_DIR: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)!), { name: "wasm" });
    assert.match(run.stdout, new RegExp(`native backend skipped .*${path.join(dir, STATUS_FILE)}.*npm run setup`));
  });
});

/** Stands in for g++: answers --version and writes a small file for each -o, so set-up's decisions run in ms. */
const FAKE_CXX = `#!/bin/sh
if [ "$1" = "--version" ]; then echo "fake-c++ 1.0"; exit 0; fi
out=""; prev=""
for arg in "$@"; do [ "$prev" = "-o" ] && out="$arg"; prev="$arg"; done
echo "fake build output" > "$out"
`;

describe("1. set-up rebuilds a damaged build instead of calling it up to date", () => {
  test("a truncated addon or an unparsable status.json makes set-up rebuild, saying why in one line", async (t) => {
    const dir = tempDir(t);
    const cxx = path.join(dir, "fake-cxx");
    writeFileSync(cxx, FAKE_CXX);
    chmodSync(cxx, 0o755);
    const build = async () => {
      const lines: string[] = [];
      const status = await buildNativeAddon({
        env: { CXX: cxx },
        dir: path.join(dir, "build"),
        log: (l) => lines.push(l),
      });
      return { status, lines };
    };
    const first = await build();
    assert.equal(first.status.built, true, first.lines.join("\n"));
    const addon = path.join(dir, "build", ADDON_FILE);
    assert.equal(first.status.size, statSync(addon).size);
    assert.match((await build()).lines.join("\n"), /up to date/);

    truncateSync(addon, 3);
    const repaired = await build();
    assert.doesNotMatch(repaired.lines.join("\n"), /up to date/);
    assert.ok(repaired.lines[0].includes(addon), repaired.lines[0]);
    assert.equal(statSync(addon).size, first.status.size, "rebuilt");

    const statusFile = path.join(dir, "build", STATUS_FILE);
    writeFileSync(statusFile, "{ not json");
    const fromDamaged = await build();
    assert.ok(fromDamaged.lines[0].includes(statusFile), fromDamaged.lines[0]);
    assert.equal(fromDamaged.status.built, true);
    assert.equal(JSON.parse(readFileSync(statusFile, "utf8")).built, true);
  });
});

/** Where tfjs-backend-wasm's worker script went before issue 18: a shared folder, named by the script's hash. */
function legacyWorkerPath(tmp: string): string {
  const hash = createHash("sha256").update(workerScript()).digest("hex").slice(0, 16);
  return path.join(tmp, "d2l-tfjs-wasm", `pthread-worker-${hash}.js`);
}

describe("2. the wasm pthread worker runs only the script lib made", () => {
  test("a script planted at the old shared path in TMPDIR is not run; the private folder is gone at exit", (t) => {
    const tmp = tempDir(t);
    const planted = legacyWorkerPath(tmp);
    const marker = path.join(tmp, "planted-ran");
    mkdirSync(path.dirname(planted), { recursive: true });
    writeFileSync(planted, `require("fs").appendFileSync(${JSON.stringify(marker)}, "x");\n${workerScript()}`);
    const child = `
const { prepareWasmBackend } = require(${JSON.stringify(path.join(LIB, "backend", "wasm"))});
const { tf } = require(${JSON.stringify(path.join(LIB, "tf"))});
prepareWasmBackend().then((info) => {
  console.log(JSON.stringify({ threads: info.threads, sum: tf.sum(tf.matMul(tf.ones([32, 32]), tf.ones([32, 32]))).dataSync()[0] }));
});`;
    const result = runScriptJson<{ threads: number; sum: number }>(
      child,
      { TMPDIR: tmp, D2L_WASM_THREADS: "2" },
      "wasm with 2 threads",
    );
    assert.deepEqual(result, { threads: 2, sum: 32 ** 3 });
    assert.equal(existsSync(marker), false, "the planted worker script ran");
    assert.deepEqual(
      readdirSync(tmp).filter((name) => name.startsWith("d2l-wasm-worker-")),
      [],
      "the private folder outlived the process",
    );
  });

  test("the script is written to a folder only this user can enter and checked before use", () => {
    const script = workerScript();
    const file = writeWorkerScript(script);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    verifyWorkerScript(file, script);
    writeFileSync(file, `console.log("planted");\n${script}`);
    assert.throws(
      () => verifyWorkerScript(file, script),
      (error: Error) => error.message.includes(file),
    );
  });
});

/** Empty products on one backend, the heap dirtied first so uninitialised memory shows as 7s. */
const EMPTY_PRODUCTS = `
const { initBackend } = require(${JSON.stringify(path.join(LIB, "backend"))});
const { tf } = require(${JSON.stringify(path.join(LIB, "tf"))});
const dirty = (n, op) => { tf.fill([n], 7).dispose(); return Array.from(op().dataSync()); };
initBackend({ log: () => {} }).then(() => {
  const x = tf.zeros([1, 3, 3, 0]), w = tf.zeros([2, 2, 0, 2]);
  console.log(JSON.stringify({
    matMul: dirty(12, () => tf.matMul(tf.zeros([4, 0]), tf.zeros([0, 3]))),
    matMulTransposed: dirty(12, () => tf.matMul(tf.zeros([0, 4]), tf.zeros([3, 0]), true, true)),
    batched: dirty(24, () => tf.matMul(tf.zeros([2, 4, 0]), tf.zeros([2, 0, 3]))),
    fusedMatMul: dirty(6, () => tf.fused.matMul({ a: tf.zeros([2, 0]), b: tf.zeros([0, 3]), bias: tf.tensor1d([1, -2, 3]), activation: "relu" })),
    conv: dirty(8, () => tf.conv2d(x, w, 1, "valid")),
    fusedConv: dirty(18, () => tf.fused.conv2d({ x, filter: w, strides: 1, pad: "same", bias: tf.tensor1d([0.5, -1]), activation: "sigmoid" })),
    filterGrad: dirty(4, () => tf.grad((f) => tf.sum(tf.conv2d(tf.zeros([0, 3, 3, 1]), f, 1, "valid")))(tf.ones([2, 2, 1, 1]))),
  }));
});`;

describe("4. empty products give the cpu backend's zeros on native and wasm", () => {
  const cpu = runScriptJson<Record<string, number[]>>(EMPTY_PRODUCTS, { D2L_BACKEND: "cpu" }, "cpu backend");
  test("the cpu backend's answers are zeros, or activation(bias)", () => {
    assert.deepEqual(cpu.matMul, Array(12).fill(0));
    assert.deepEqual(cpu.fusedMatMul, [1, 0, 3, 1, 0, 3]);
    assert.deepEqual(cpu.filterGrad, [0, 0, 0, 0]);
  });
  for (const backend of ["wasm", ...(built ? ["native"] : [])]) {
    test(`${backend} gives the same`, () => {
      const got = runScriptJson<Record<string, number[]>>(EMPTY_PRODUCTS, { D2L_BACKEND: backend }, backend);
      for (const op of Object.keys(cpu)) {
        assert.equal(got[op].length, cpu[op].length, op);
        for (const [i, v] of got[op].entries())
          assert.ok(Math.abs(v - cpu[op][i]) < 1e-6, `${op}[${i}]: ${v} vs ${cpu[op][i]}`);
      }
    });
  }
});

describe("6. messages name what failed", () => {
  test("the native backend's memory limit is its own, on wasm's heap", () => {
    const machine = 64 * 2 ** 30;
    const native = backendMemoryLimit("native", machine);
    assert.equal(native.bytes, backendMemoryLimit("wasm", machine).bytes);
    assert.match(native.what, /native backend's/);
  });

  test("D2L_BACKEND=native without an addon names the missing file and npm run setup, not tfjs-backend-wasm", async (t) => {
    const dir = tempDir(t);
    const native = CANDIDATES.find((c) => c.name === "native")!;
    await assert.rejects(
      selectBackend({
        env: { D2L_BACKEND: "native" },
        log: () => {},
        candidates: [{ ...native, load: () => prepareNativeBackend({ dir }) }],
      }),
      (error: Error) => {
        assert.doesNotMatch(error.message, /tfjs-backend-wasm/);
        assert.ok(error.message.includes(path.join(dir, ADDON_FILE)), error.message);
        assert.match(error.message, /npm run setup/);
        return true;
      },
    );
  });

  test("a lib build stopped by Ctrl-C says it was interrupted, not that it failed", (t) => {
    const tsc = path.join(tempDir(t), "tsc");
    writeFileSync(tsc, "#!/bin/sh\nkill -INT $$\n");
    chmodSync(tsc, 0o755);
    assert.throws(() => buildLib({ tsc, force: true }), /interrupted \(SIGINT\)/);
  });
});

describe("5. seeds are decimal integers from 0 to 2^53 − 1", () => {
  test("npm run train refuses hex, exponent and rounded seeds in one line naming --seed", () => {
    for (const seed of ["0x10", "1e20", "9007199254740993", "-1", "1.5"]) {
      const run = spawnSync(
        process.execPath,
        [...process.execArgv, path.join(repoRoot(), "scripts", "train.ts"), "--seed", seed],
        {
          encoding: "utf8",
          timeout: 60_000,
        },
      );
      assert.equal(run.status, 2, `--seed ${seed}: ${run.stdout}${run.stderr}`);
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.ok(lines[0].includes("--seed") && lines[0].includes(seed), lines[0]);
    }
  });

  test("buildModel refuses a seed that is not a safe non-negative integer", () => {
    const spec = lenetSpec();
    for (const seed of [2 ** 53, -1, 0.5]) assert.throws(() => buildModel(spec, { seed }), RangeError);
  });
});

describe("3. Chromium writes nothing outside its temp folder", { skip: chromiumProblem() }, () => {
  test("rendering a figure leaves HOME as it was (no Crash Reports, no dconf cache)", (t) => {
    const home = tempDir(t, "d2l-fault-home-");
    const tmp = tempDir(t);
    const result = runScriptJson<{ bytes: number }>(
      `const { renderPng } = require(${JSON.stringify(path.join(LIB, "plot", "png"))});
console.log(JSON.stringify({ bytes: renderPng({ data: [{ y: [1, 3, 2] }], layout: { width: 200, height: 150 } }).length }));`,
      { HOME: home, TMPDIR: tmp, XDG_CONFIG_HOME: "", XDG_CACHE_HOME: "" },
      "renderPng",
    );
    assert.ok(result.bytes > 0);
    assert.deepEqual(readdirSync(home), [], "Chromium wrote into HOME");
    const ours = readdirSync(tmp).filter((name) => name.startsWith("d2l-")); // tsx keeps its own cache there
    assert.deepEqual(ours, [], "the temp folder outlived the process");
  });
});
