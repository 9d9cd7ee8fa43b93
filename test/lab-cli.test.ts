/**
 * scripts/lab.ts's flags, run as `npm run lab` runs it: bad flags are one-line
 * errors (exit 2) before anything is set up or started; --help prints the usage;
 * Jupyter's own options pass through to the server (issue 18).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { splitJupyterArgs } from "../scripts/lab/jupyter-args";
import { labServerCommand } from "../scripts/lab/server";
import { repoRoot } from "../lib/repo-root";

const ROOT = repoRoot();
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

function lab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(TSX, ["scripts/lab.ts", ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test("bad flags are one-line errors naming the flag, with nothing started", async () => {
  const cases: [string[], RegExp][] = [
    [["--port", "0"], /^--port must be a port number from 1 to 65535, got "0" \(see --help\)$/],
    [["--port", "80a"], /^--port must be a port number from 1 to 65535, got "80a"/],
    [["--port", "70000"], /^--port must be a port number from 1 to 65535, got "70000"/],
    [["--port"], /^Option '--port <value>' argument missing \(see --help\)$/],
    [["--browser"], /^Unknown option '--browser' \(see --help\)$/],
    [["notebooks/1.ipynb"], /Unexpected argument 'notebooks\/1.ipynb'/],
  ];
  for (const [args, message] of cases) {
    const run = await lab(args);
    assert.equal(run.code, 2, `${args.join(" ")}: exit status`);
    assert.match(run.stderr.trim(), message, `${args.join(" ")}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split("\n").length, 1, "one line");
    assert.equal(run.stdout, "", "set-up did not start");
  }
});

test("--help lists every flag", async () => {
  const run = await lab(["--help"]);
  assert.equal(run.code, 0);
  for (const flag of ["--classic", "--no-browser", "--port N", "--ip=", "--ServerApp.", "--NotebookApp."])
    assert.ok(run.stdout.includes(flag), flag);
});

test("Jupyter's own --ip, --ServerApp.* and --NotebookApp.* options reach the server unchanged", () => {
  const { own, jupyter } = splitJupyterArgs([
    "--port",
    "8890",
    "--ip",
    "0.0.0.0",
    "--ServerApp.token=secret",
    "--NotebookApp.password",
    "hash",
    "--no-browser",
  ]);
  assert.deepEqual(own, ["--port", "8890", "--no-browser"]);
  assert.deepEqual(jupyter, ["--ip=0.0.0.0", "--ServerApp.token=secret", "--NotebookApp.password=hash"]);
  const { args } = labServerCommand("assembled", { root: "/nb", openBrowser: false, extraArgs: jupyter });
  for (const option of jupyter) assert.ok(args.includes(option), option);
});

test("a Jupyter option the chosen server would ignore, or one without a value, is refused before set-up", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["--classic", "--ServerApp.token=x"],
      /^--ServerApp\.token is not read by the classic Notebook; use --NotebookApp\.token/,
    ],
    [["--ip"], /^--ip needs a value: --ip=VALUE/],
  ];
  for (const [args, message] of cases) {
    const run = await lab(args);
    assert.equal(run.code, 2, `${args.join(" ")}: exit status`);
    assert.match(run.stderr.trim(), message, `${args.join(" ")}: ${run.stderr}`);
    assert.equal(run.stdout, "", "set-up did not start");
  }
});
