/**
 * The download path, against a local HTTP server on 127.0.0.1 that serves the
 * fixture files (this machine cannot reach the real mirrors). Checksums are
 * injected: the official ones belong to the full files.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { FASHION_MNIST_FILES, loadFashionMnist, type DownloadOptions, type FileKey } from "../lib/data";
import { FIRST_TRAIN_LABELS, FIXTURE_DIR, FIXTURE_TRAIN, copyFixture, tempDir } from "./data-helpers";

const nowhere = "/nonexistent/d2l-data-test";
const quiet = () => {};

const fixtureChecksums = Object.fromEntries(
  FASHION_MNIST_FILES.map((f) => [
    f.key,
    createHash("md5")
      .update(readFileSync(join(FIXTURE_DIR, `${f.name}.gz`)))
      .digest("hex"),
  ]),
) as Record<FileKey, string>;

type Handler = (name: string, respond: (status: number, body?: Buffer) => void, destroy: () => void) => void;

/** Serves /NAME.gz from the fixture unless `handler` says otherwise; records requested names. */
async function serve(
  t: { after(fn: () => Promise<void> | void): void },
  handler?: Handler,
): Promise<{ url: string; requested: string[] }> {
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent(request.url ?? "").replace(/^\//, "");
    requested.push(name);
    const respond = (status: number, body?: Buffer) => {
      response.writeHead(status, body ? { "content-length": body.length } : {});
      response.end(body);
    };
    const fixtureFile = () => {
      try {
        return readFileSync(join(FIXTURE_DIR, name));
      } catch {
        return undefined;
      }
    };
    if (handler) handler(name, respond, () => request.socket.destroy());
    else {
      const body = fixtureFile();
      respond(body ? 200 : 404, body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requested };
}

function load(repoDataDir: string, download: DownloadOptions) {
  return loadFashionMnist({
    env: {},
    repoDataDir,
    debianDir: nowhere,
    log: quiet,
    download: { progressBar: false, log: quiet, ...download },
  });
}

const gzNames = FASHION_MNIST_FILES.map((f) => `${f.name}.gz`).sort();

test("downloads the four files, checks them, and loads them", async (t) => {
  const { url, requested } = await serve(t);
  const dir = tempDir(t);
  const data = await load(dir, { mirrors: [url], checksums: fixtureChecksums });
  assert.equal(data.origin, "download");
  assert.equal(data.dir, dir);
  assert.equal(data.train.count, FIXTURE_TRAIN);
  assert.deepEqual(Array.from(data.train.labels.subarray(0, 20)), FIRST_TRAIN_LABELS);
  assert.deepEqual(requested.sort(), gzNames);
  assert.deepEqual(readdirSync(dir).sort(), gzNames, "the files and nothing else");
});

test("fetches only the files missing, and falls over to the next mirror", async (t) => {
  const dead = await serve(t, (_name, respond) => respond(404));
  const live = await serve(t);
  const dir = tempDir(t);
  copyFixture(dir);
  rmSync(join(dir, "t10k-labels-idx1-ubyte.gz"));
  await load(dir, { mirrors: [dead.url, live.url], checksums: fixtureChecksums });
  assert.deepEqual(dead.requested, ["t10k-labels-idx1-ubyte.gz"]);
  assert.deepEqual(live.requested, ["t10k-labels-idx1-ubyte.gz"]);
});

test("a checksum mismatch keeps nothing and says so", async (t) => {
  const { url } = await serve(t);
  const dir = tempDir(t);
  const wrong = { ...fixtureChecksums, trainImages: "0123456789abcdef0123456789abcdef" };
  await assert.rejects(load(dir, { mirrors: [url], checksums: wrong }), (error: Error) => {
    assert.match(
      error.message,
      /train-images-idx3-ubyte\.gz was downloaded but its MD5 is [0-9a-f]{32}, not the published 0123456789abcdef0123456789abcdef; nothing was kept/,
    );
    assert.ok(error.message.includes(`put the four files (`) && error.message.includes(`) in ${dir}`), error.message);
    assert.ok(!error.message.includes("\n"));
    return true;
  });
  assert.deepEqual(readdirSync(dir), [], "no partial or temporary file left");
});

test("a download cut off midway leaves nothing behind", async (t) => {
  const { url } = await serve(t, (_name, _respond, destroy) => destroy());
  const dir = tempDir(t);
  await assert.rejects(load(dir, { mirrors: [url], checksums: fixtureChecksums }), /could not be downloaded/);
  assert.deepEqual(readdirSync(dir), []);
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test("offline: the error says where to put the files", async (t) => {
  const offline = `http://127.0.0.1:${await freePort()}/`;
  const dir = tempDir(t);
  await assert.rejects(load(dir, { mirrors: [offline], checksums: fixtureChecksums }), (error: Error) => {
    assert.equal(
      error.message,
      `Fashion-MNIST is not on this machine and could not be downloaded (${offline}train-images-idx3-ubyte.gz: ECONNREFUSED): ` +
        `put the four files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz, gzipped or not) in ${dir}, ` +
        "or set D2L_FASHION_MNIST_DIR to a directory holding them, or install Debian's dataset-fashion-mnist",
    );
    return true;
  });
});

test("a mirror that accepts the connection but sends nothing is given up after the idle timeout", async (t) => {
  const { url } = await serve(t, () => {});
  const dir = tempDir(t);
  await assert.rejects(
    load(dir, { mirrors: [url], checksums: fixtureChecksums, idleTimeoutMs: 200 }),
    /: nothing received for 0\.2 s\)/,
  );
  assert.deepEqual(readdirSync(dir), []);
});
