import { spawnSync } from "node:child_process";

/** What set-up needs from Debian, and how to get each elsewhere. */
export const DEBIAN_PACKAGES: { name: string; why: string; elsewhere: string }[] = [
  {
    name: "jupyter-notebook",
    why: "the classic Notebook (runs and shows the notebooks)",
    elsewhere: "pip install notebook",
  },
  {
    name: "jupyter-nbconvert",
    why: "executes notebooks headless and exports markdown",
    elsewhere: "pip install nbconvert",
  },
  { name: "python3-nbclient", why: "nbconvert's notebook executor", elsewhere: "pip install nbclient" },
  {
    name: "jupyter-server",
    why: "serves the JupyterLab that `npm run lab` assembles",
    elsewhere: "pip install jupyterlab",
  },
  {
    name: "python3-jupyterlab-server",
    why: "JupyterLab's server half (LabServerApp)",
    elsewhere: "pip install jupyterlab",
  },
  {
    name: "dataset-fashion-mnist",
    why: "the Fashion-MNIST files",
    elsewhere: "the files are downloaded into data/fashion-mnist/ instead",
  },
  {
    name: "chromium",
    why: "renders plotly figures to PNG and runs the browser test",
    elsewhere: "install Chromium and set CHROMIUM_PATH",
  },
  {
    name: "g++",
    why: "compiles the native backend's oneDNN addon",
    elsewhere: "any C++17 compiler, named by CXX (without one the wasm backend is used)",
  },
  {
    name: "libdnnl-dev",
    why: "oneDNN 2.x, the native backend's kernels",
    elsewhere: "oneDNN 2.x headers and libdnnl (without them the wasm backend is used)",
  },
];

function isInstalled(name: string): boolean {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${Status} is dpkg-query's own format field, not a template
  const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
  return result.status === 0 && result.stdout.includes("install ok installed");
}

function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function asRoot(args: string[]): { command: string; args: string[] } | undefined {
  if (process.getuid?.() === 0) return { command: args[0], args: args.slice(1) };
  if (hasCommand("sudo") && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0) {
    return { command: "sudo", args: ["-n", ...args] };
  }
  return undefined;
}

function runVisible(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) throw new Error(`setup: \`${command} ${args.join(" ")}\` failed (exit ${result.status})`);
}

/**
 * Installs the missing Debian packages with apt-get. Where apt-get cannot run
 * (not Debian, not root and no password-less sudo) it prints what to do instead
 * and returns the packages still missing.
 */
export function ensureDebianPackages(log: (line: string) => void): string[] {
  if (!hasCommand("dpkg-query") || !hasCommand("apt-get")) {
    log("setup: not a Debian system; install these yourself if missing:");
    for (const p of DEBIAN_PACKAGES) log(`  ${p.why}: ${p.elsewhere}`);
    return DEBIAN_PACKAGES.map((p) => p.name);
  }
  const missing = DEBIAN_PACKAGES.filter((p) => !isInstalled(p.name));
  if (missing.length === 0) return [];
  const names = missing.map((p) => p.name);
  const update = asRoot(["apt-get", "update", "-q"]);
  // With recommends, as the packages were installed where this was tested (fonts for Chromium's PNGs among them).
  const install = asRoot(["apt-get", "install", "-y", "-q", ...names]);
  if (!update || !install) {
    log(
      `setup: cannot run apt-get (not root, no password-less sudo). Install: sudo apt-get install ${names.join(" ")}`,
    );
    for (const p of missing) log(`  or, for ${p.why}: ${p.elsewhere}`);
    return names;
  }
  log(`setup: installing Debian packages: ${names.join(", ")} (apt-get; a few minutes the first time)`);
  runVisible(update.command, update.args);
  runVisible(install.command, install.args);
  return DEBIAN_PACKAGES.filter((p) => !isInstalled(p.name)).map((p) => p.name);
}
