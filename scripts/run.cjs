#!/usr/bin/env node
// Runs a TypeScript script (node with tsx's loader) after making sure node_modules matches
// package-lock.json. Plain JavaScript on purpose: it must work in a fresh clone
// before any npm package (tsx included) is installed.
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const stampFile = path.join(root, "node_modules", ".d2l-lock-sha256");

function lockHash() {
  return createHash("sha256")
    .update(fs.readFileSync(path.join(root, "package-lock.json")))
    .digest("hex");
}

function installed() {
  try {
    return fs.readFileSync(stampFile, "utf8").trim() === lockHash();
  } catch {
    return false;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.error) {
    console.error(`run.cjs: could not start ${command}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: node scripts/run.cjs SCRIPT.ts [ARGS...]");
  process.exit(2);
}

if (!installed()) {
  console.error("setup: installing npm packages from package-lock.json (npm ci)...");
  // tfjs-node-gpu is optional: its install script fails without CUDA downloads and npm ci goes on without it.
  const status = run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
  if (status !== 0) {
    console.error("setup: npm ci failed (see above); fix it and run the command again");
    process.exit(status);
  }
  fs.writeFileSync(`${stampFile}.tmp`, `${lockHash()}\n`);
  fs.renameSync(`${stampFile}.tmp`, stampFile);
}

// The script runs in one node process (tsx as a loader, not tsx's own CLI, which adds a
// process that would not pass SIGHUP on). This process stays to pass SIGINT, SIGTERM and
// SIGHUP to it: npm forwards a signal only to its direct child, and the script, not this
// wrapper, knows how to stop its kernels and clean up. Its exit status becomes ours.
const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (error) => {
  console.error(`run.cjs: could not start node for ${script}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
