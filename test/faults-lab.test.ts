/**
 * Fault injection, issue 18 item 2: `npm run lab` stopped by a signal to its
 * process group (Ctrl-C without a terminal, a closed terminal) or to npm alone
 * leaves no server, kernel or Chromium running, and none of the server's
 * runtime files (jpserver-*.json holds the token, kernel-*.json the kernel's
 * keys). Runs the classic Notebook: the same wrapper as JupyterLab, without
 * the assembled JupyterLab's first build.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { JUPYTER_DATA_DIR } from "../scripts/setup/kernel";
import { cmdline, exited, marked, startNpm, tempDir, waitFor } from "./fault-helpers";
import { freePort } from "./notebook-server";

const runtimeDirs = () =>
  existsSync(JUPYTER_DATA_DIR) ? readdirSync(JUPYTER_DATA_DIR).filter((f) => f.startsWith("lab-runtime-")) : [];

const cases: { signal: NodeJS.Signals; to: "group" | "npm" }[] = [
  { signal: "SIGINT", to: "group" },
  { signal: "SIGHUP", to: "group" },
  { signal: "SIGTERM", to: "npm" },
];

describe("a stop signal to npm run lab", () => {
  for (const { signal, to } of cases) {
    test(`${signal} to the ${to === "group" ? "process group" : "npm process alone"} stops the server and its kernel and leaves no runtime file`, {
      timeout: 180_000,
    }, async (t) => {
      // Where Jupyter would keep its runtime files if the wrapper did not give the server its own folder.
      const userRuntime = path.join(tempDir(t), "runtime");
      const port = await freePort();
      const token = randomBytes(16).toString("hex");
      const mark = `lab-${signal}-${to}-${process.pid}`;
      const before = new Set(runtimeDirs());
      let requested = false;
      let inFlight = false;
      const run = startNpm("lab", ["--classic", "--no-browser", "--port", String(port)], mark, {
        JUPYTER_RUNTIME_DIR: userRuntime,
        JUPYTER_TOKEN: token,
      });
      t.after(() => {
        for (const pid of marked(mark)) process.kill(pid, "SIGKILL");
      });
      const poll = setInterval(() => {
        if (requested || inFlight) return;
        inFlight = true;
        fetch(`http://127.0.0.1:${port}/api/kernels`, {
          method: "POST",
          body: JSON.stringify({ name: "tslab" }),
          headers: { Authorization: `token ${token}` },
          signal: AbortSignal.timeout(5_000),
        })
          .then(
            (response) => {
              if (response.ok) requested = true;
            },
            () => {}, // not listening yet
          )
          .finally(() => (inFlight = false));
      }, 1000);
      t.after(() => clearInterval(poll));
      // The kernel is started the way the issue's repro starts it: POST /api/kernels with the token.
      const started = await waitFor(`the server on port ${port} to start a kernel`, 120_000, () => {
        if (run.child.exitCode !== null) assert.fail(`npm run lab exited: ${run.output()}`);
        return requested ? true : undefined;
      }).catch(() => false);
      assert.ok(started, `no kernel started: ${run.output()}`);
      const kernel = await waitFor("the tslab kernel", 60_000, () =>
        marked(mark).find((pid) => /tslab.* kernel/.test(cmdline(pid))),
      );

      process.kill(to === "group" ? -run.child.pid! : run.child.pid!, signal);
      const { code } = await exited(run.child, 60_000);
      assert.notEqual(code, 0, run.output());
      await waitFor("every process of the lab to be gone", 10_000, () =>
        marked(mark).length === 0 ? true : undefined,
      ).catch(() =>
        assert.fail(
          `still running after ${signal}: ${marked(mark)
            .map((pid) => `${pid} ${cmdline(pid)}`)
            .join("; ")} (the kernel was ${kernel})`,
        ),
      );
      const leftFiles = existsSync(userRuntime) ? readdirSync(userRuntime) : [];
      assert.deepEqual(leftFiles, [], "runtime files left in JUPYTER_RUNTIME_DIR");
      assert.deepEqual(
        runtimeDirs().filter((d) => !before.has(d)),
        [],
        "the server's private runtime folder is left",
      );
    });
  }
});
