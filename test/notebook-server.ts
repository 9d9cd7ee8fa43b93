/**
 * A classic Jupyter Notebook server for the browser test: loopback only, an
 * ephemeral port, a random token, and its own signature store and runtime
 * folder (trusting a notebook here leaves the user's Jupyter state alone).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { jupyterEnv } from "../scripts/setup/kernel";

export interface NotebookServer {
  url: string;
  token: string;
  /** GET/POST/DELETE against the server's REST API with the token. */
  api(method: string, route: string): Promise<Response>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
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

/** Starts `jupyter notebook` serving `root`; resolves once its API answers (or rejects with its last output). */
export async function startNotebookServer(root: string, stateDir: string, startupMs = 60_000): Promise<NotebookServer> {
  mkdirSync(stateDir, { recursive: true });
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${root}`,
    `--NotebookNotary.db_file=${path.join(stateDir, "nbsignatures.db")}`,
    `--NotebookNotary.secret_file=${path.join(stateDir, "notebook_secret")}`,
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ];
  const child = spawn("jupyter", args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: jupyterEnv({ ...process.env, JUPYTER_RUNTIME_DIR: path.join(stateDir, "runtime") }),
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) stream.on("data", (chunk: Buffer) => output.push(chunk.toString()));

  const api = (method: string, route: string) =>
    fetch(`${url}${route}`, { method, headers: { Authorization: `token ${token}` }, signal: AbortSignal.timeout(10_000) });
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
  throw new Error(`jupyter notebook did not start on ${url}: ${output.join("").trim().split("\n").slice(-5).join(" | ")}`);
}
