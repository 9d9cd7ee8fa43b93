/**
 * The JupyterLab assembled from npm's @jupyterlab 3.6 packages (lab/, after
 * JupyterLab's examples/app), for machines without a real JupyterLab: Debian
 * packages only its server half (jupyter-server, python3-jupyterlab-server).
 *
 * lab/ is a package of its own so its ~200 MB of build tools stay out of the
 * library's install: its node_modules are installed on first use, and the
 * front end is built into lab/build (ignored by git), again only when lab/'s
 * sources change. Both steps leave nothing half-done: the install is stamped
 * only after it succeeded, and the build goes to lab/build.tmp, then is renamed.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../lib/repo-root";

export const LAB_DIR = path.join(repoRoot(), "lab");
export const LAB_BUILD_DIR = path.join(LAB_DIR, "build");
export const LAB_SERVER_SCRIPT = path.join(LAB_DIR, "main.py");
const INSTALL_STAMP = path.join(LAB_DIR, "node_modules", ".d2l-lock-sha256");
const BUILD_STAMP = path.join(LAB_BUILD_DIR, ".d2l-sources-sha256");
/** What the build reads from lab/; a change to any of them means a rebuild. */
const BUILD_SOURCES = ["package.json", "package-lock.json", "index.js", "plotly-renderer.js", "webpack.config.js"];

function sha256(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${path.basename(file)}\0`).update(readFileSync(file));
  return hash.digest("hex");
}

function stamped(stamp: string, value: string): boolean {
  try {
    return readFileSync(stamp, "utf8").trim() === value;
  } catch {
    return false;
  }
}

function writeStamp(stamp: string, value: string): void {
  writeFileSync(`${stamp}.tmp`, `${value}\n`);
  renameSync(`${stamp}.tmp`, stamp);
}

function run(command: string, args: string[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: LAB_DIR, stdio: ["ignore", "inherit", "inherit"], env });
  if (result.error) throw new Error(`lab: could not start ${command} for ${what}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(
      `lab: ${what} failed (\`${command} ${args.join(" ")}\` in lab/, exit ${result.status}); see the output above`,
    );
}

/** `npm ci` in lab/ when its node_modules do not match lab/package-lock.json. */
export function ensureLabPackages(log: (line: string) => void): void {
  const lock = sha256([path.join(LAB_DIR, "package-lock.json")]);
  if (stamped(INSTALL_STAMP, lock)) return;
  log("lab: installing JupyterLab's npm packages into lab/node_modules (npm ci; about a minute, once)");
  // No install scripts: the front end needs none, and none should run on a user's machine unasked.
  run(
    "npm",
    ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
    "installing JupyterLab's npm packages",
  );
  writeStamp(INSTALL_STAMP, lock);
}

/** Builds lab/build unless it was built from the current sources. */
export function ensureLabBuild(log: (line: string) => void): void {
  const sources = sha256(BUILD_SOURCES.map((f) => path.join(LAB_DIR, f)));
  if (stamped(BUILD_STAMP, sources) && existsSync(path.join(LAB_BUILD_DIR, "bundle.js"))) return;
  log("lab: building JupyterLab into lab/build (webpack; about a minute, again only when lab/ changes)");
  const staging = `${LAB_BUILD_DIR}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  const webpack = path.join(LAB_DIR, "node_modules", "webpack-cli", "bin", "cli.js");
  run(process.execPath, [webpack, "--config", "webpack.config.js"], "building JupyterLab", {
    ...process.env,
    D2L_LAB_BUILD_DIR: staging,
  });
  writeFileSync(path.join(staging, path.basename(BUILD_STAMP)), `${sources}\n`);
  rmSync(LAB_BUILD_DIR, { recursive: true, force: true });
  renameSync(staging, LAB_BUILD_DIR);
}

export function ensureAssembledLab(log: (line: string) => void): void {
  ensureLabPackages(log);
  ensureLabBuild(log);
}

function shebangInterpreter(command: string): string | undefined {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  if (found.status !== 0) return undefined;
  try {
    const first = readFileSync(found.stdout.trim(), "utf8").split("\n", 1)[0];
    return first.startsWith("#!") ? first.slice(2).trim().split(/\s+/)[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Python that can import jupyterlab_server: the one `jupyter` runs on first
 * (Debian's /usr/bin/python3 even when a pyenv python3 comes first on PATH).
 */
export function labServerPython(): string {
  const candidates = [shebangInterpreter("jupyter"), "/usr/bin/python3", "python3"].filter((c): c is string =>
    Boolean(c),
  );
  for (const python of new Set(candidates)) {
    if (spawnSync(python, ["-c", "import jupyterlab_server, jupyter_server"], { stdio: "ignore" }).status === 0)
      return python;
  }
  throw new Error(
    "lab: JupyterLab's server half is missing: `apt-get install jupyter-server python3-jupyterlab-server` (npm run setup does it), or `pip install jupyterlab`",
  );
}
