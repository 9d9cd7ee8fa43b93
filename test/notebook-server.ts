/**
 * A Jupyter server for the browser tests, started as `npm run lab` starts it
 * (scripts/lab/server.ts): the classic Notebook or the assembled JupyterLab,
 * loopback only, an ephemeral port, a random token, and its own signature
 * store, runtime folder and JupyterLab settings (trusting a notebook here
 * leaves the user's Jupyter state alone).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { jupyterEnv, labServerCommand, serverConfigClass, type LabClient } from "../scripts/lab/server";

export interface NotebookServer {
  url: string;
  token: string;
  /** GET/POST/DELETE against the server's REST API with the token. */
  api(method: string, route: string): Promise<Response>;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export interface NotebookServerOptions {
  /** Default: the classic Notebook. */
  client?: LabClient;
  startupMs?: number;
  /** Extra environment for the server and the kernels it starts (e.g. D2L_PRESET). */
  env?: NodeJS.ProcessEnv;
}

/** Starts a Jupyter server on `root`; resolves once its API answers (or rejects with its last output). */
export async function startNotebookServer(
  root: string,
  stateDir: string,
  options: NotebookServerOptions = {},
): Promise<NotebookServer> {
  const { client = "classic", startupMs = 60_000 } = options;
  mkdirSync(stateDir, { recursive: true });
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const { command, args, env } = labServerCommand(
    client,
    {
      root,
      port,
      openBrowser: false,
      extraArgs: [
        "--ip=127.0.0.1",
        `--${serverConfigClass(client)}.token=${token}`,
        `--NotebookNotary.db_file=${path.join(stateDir, "nbsignatures.db")}`,
        `--NotebookNotary.secret_file=${path.join(stateDir, "notebook_secret")}`,
      ],
    },
    jupyterEnv({
      ...options.env,
      JUPYTER_RUNTIME_DIR: path.join(stateDir, "runtime"),
      JUPYTERLAB_SETTINGS_DIR: path.join(stateDir, "lab-settings"),
      JUPYTERLAB_WORKSPACES_DIR: path.join(stateDir, "lab-workspaces"),
    }),
  );
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (chunk: Buffer) => output.push(chunk.toString()));

  const api = (method: string, route: string) =>
    fetch(`${url}${route}`, {
      method,
      headers: { Authorization: `token ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
  const stop = async () => {
    // Shut kernels down through the API first, so no kernel outlives the server.
    try {
      const kernels = (await (await api("GET", "/api/kernels")).json()) as { id: string }[];
      await Promise.all(kernels.map((k) => api("DELETE", `/api/kernels/${k.id}`)));
    } catch {
      // the server is already gone
    }
    child.kill("SIGTERM");
    if (!(await exited(child, 10_000))) child.kill("SIGKILL");
  };

  const deadline = Date.now() + startupMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await api("GET", "/api/status")).ok) return { url, token, api, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(
    `${command} ${args[0]} did not start on ${url}: ${output.join("").trim().split("\n").slice(-5).join(" | ")}`,
  );
}
