/**
 * How each Jupyter front end is started on a folder: a real JupyterLab, the
 * assembled one (assembled.ts), or the classic Notebook. `npm run lab` and the
 * browser tests start servers through here, so they test what users run.
 */
import { spawnSync } from "node:child_process";
import { jupyterEnv as checkoutJupyterEnv } from "../setup/kernel";
import { LAB_SERVER_SCRIPT, labServerPython } from "./assembled";

export type LabClient = "jupyterlab" | "assembled" | "classic";

export interface LabServerOptions {
  root: string;
  port?: number;
  openBrowser: boolean;
  /** Further server options, e.g. a token (see `serverConfigClass`). */
  extraArgs?: string[];
}

export interface ServerCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The environment of every Jupyter process this repo starts (servers, and the
 * kernels they start): kernel.ts's, with this checkout's Jupyter data folder
 * (kernel spec, plotly.js) first on JUPYTER_PATH, plus `extra`.
 */
export function jupyterEnv(extra: NodeJS.ProcessEnv = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return checkoutJupyterEnv({ ...base, ...extra });
}

/** A real JupyterLab (pip's or conda's): `jupyter lab --version` works. */
export function hasRealJupyterLab(): boolean {
  return spawnSync("jupyter", ["lab", "--version"], { stdio: "ignore", env: jupyterEnv() }).status === 0;
}

/** The configurable class holding token, port retries and the like. */
export function serverConfigClass(client: LabClient): "ServerApp" | "NotebookApp" {
  return client === "classic" ? "NotebookApp" : "ServerApp";
}

export function labServerCommand(
  client: LabClient,
  options: LabServerOptions,
  env: NodeJS.ProcessEnv = jupyterEnv(),
): ServerCommand {
  const args = [
    `--notebook-dir=${options.root}`,
    ...(options.openBrowser ? [] : ["--no-browser"]),
    ...(options.port === undefined ? [] : [`--port=${options.port}`, "--port-retries=0"]),
    // Jupyter refuses to run as root (containers, CI) unless told.
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ...(options.extraArgs ?? []),
  ];
  switch (client) {
    case "jupyterlab":
      return { command: "jupyter", args: ["lab", ...args], env };
    case "classic":
      return { command: "jupyter", args: ["notebook", ...args], env };
    case "assembled":
      return { command: labServerPython(), args: [LAB_SERVER_SCRIPT, ...args], env };
  }
}
