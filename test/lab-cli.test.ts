/**
 * scripts/lab.ts's flags, run as `npm run lab` runs it: bad flags are one-line
 * errors (exit 2) before anything is set up or started; --help prints the usage.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { test } from "node:test";

const ROOT = resolve(__dirname, "..");
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
  for (const flag of ["--classic", "--no-browser", "--port N"]) assert.ok(run.stdout.includes(flag), flag);
});
