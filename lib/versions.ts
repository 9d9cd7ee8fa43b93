/**
 * The project reaches into two packages past their public API
 * (docs/architecture.md, "Private APIs"): tslab's display writer and
 * tfjs-backend-wasm's pthread worker script and thread pool. Those hooks were
 * written against exact versions; with any other version they may break
 * silently, so the library refuses to start instead and names the version.
 */
import path from "node:path";

export const HOOKED_VERSIONS = {
  tslab: "1.0.22",
  "@tensorflow/tfjs-core": "4.22.0",
  "@tensorflow/tfjs-backend-wasm": "4.22.0",
} as const;

export type HookedPackage = keyof typeof HOOKED_VERSIONS;

const HOOKS: Record<HookedPackage, string> = {
  tslab: "lib/plot/kernel-display.ts calls tslab's display writer found in require.cache",
  "@tensorflow/tfjs-core":
    "lib/backend/wasm replaces kernels by name and reads the wasm backend's heap and thread pool",
  "@tensorflow/tfjs-backend-wasm": "lib/backend/wasm/threads.ts patches the pthread worker script by string match",
};

export class HookVersionError extends Error {
  override name = "HookVersionError";
}

/** Throws a HookVersionError naming the package, the version found and the one the hook was written for. */
export function checkHookVersion(pkg: HookedPackage, found: string | undefined, where: string): void {
  const expected = HOOKED_VERSIONS[pkg];
  if (found === expected) return;
  throw new HookVersionError(
    `${pkg} ${found ?? "(version unknown)"} is loaded${where ? ` (${where})` : ""}, but ${HOOKS[pkg]}, written for ${pkg} ` +
      `${expected}: run \`npm ci\` to install ${expected}, or re-check that hook against ${found ?? "this version"} ` +
      "and update HOOKED_VERSIONS in lib/versions.ts (docs/architecture.md)",
  );
}

/** The version in the package.json of the package whose file `moduleFile` is (found by walking up to `name`). */
export function versionOfModuleFile(moduleFile: string, name: string): string | undefined {
  let dir = path.dirname(moduleFile);
  while (path.basename(dir) !== name.split("/").at(-1)) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  try {
    return (require(path.join(dir, "package.json")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The tfjs packages lib loads must be the versions its wasm hooks were written for. */
export function checkTfjsVersions(resolve: (pkg: string) => string | undefined = installedVersion): void {
  for (const pkg of ["@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-wasm"] as const) {
    checkHookVersion(pkg, resolve(pkg), "resolved from lib");
  }
}

function installedVersion(pkg: string): string | undefined {
  try {
    return (require(`${pkg}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
