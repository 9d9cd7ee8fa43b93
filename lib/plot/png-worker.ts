/**
 * Worker thread that owns one headless Chromium page with plotly.js loaded and
 * turns figures into PNGs with plotly's own Plotly.toImage. See png.ts for why
 * this runs in a worker (the kernel's thread waits on it synchronously).
 */
import path from "node:path";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumEnv } from "./chromium";
import type { Figure } from "./figure";

export interface PngWorkerData {
  executablePath: string;
  /** Chromium's profile folder; the main thread deletes it when the process exits. */
  profileDir: string;
  /** plotly.js-dist's bundle, injected from disk: the page makes no network requests at all. */
  plotlyPath: string;
}

export interface PngRequest {
  figure: Figure;
  scale: number;
  port: MessagePort;
  /** Set to 1 (and notified) once the reply is on `port`. */
  signal: Int32Array;
}

/** Sent by the main thread as the process exits: close the browser, then notify. */
export interface CloseRequest {
  close: true;
  signal: Int32Array;
}

export type PngReply = { png: Uint8Array } | { error: string };

const { executablePath, profileDir, plotlyPath } = workerData as PngWorkerData;
let page: Promise<Page> | undefined;

async function openPage(): Promise<Page> {
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    chromiumSandbox: false,
    args: [...CHROMIUM_ARGS],
    env: chromiumEnv(path.dirname(profileDir)),
  });
  await context.route("**/*", (route) => route.abort());
  const opened = context.pages()[0] ?? (await context.newPage());
  await opened.setContent("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
  await opened.addScriptTag({ path: plotlyPath });
  return opened;
}

async function render(figure: Figure, scale: number): Promise<Uint8Array> {
  page ??= openPage();
  const dataUrl = await (await page).evaluate(
    ({ figure, scale }) => {
      const plotly = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
      const { width, height } = (figure.layout ?? {}) as { width: number; height: number };
      return plotly.toImage(figure, { format: "png", width, height, scale });
    },
    { figure, scale },
  );
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

function notify(signal: Int32Array): void {
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

async function closeBrowser(): Promise<void> {
  const opened = await page?.catch(() => undefined);
  await opened?.context().close();
}

parentPort!.on("message", async (request: PngRequest | CloseRequest) => {
  if ("close" in request) {
    await closeBrowser().catch(() => {});
    return notify(request.signal);
  }
  const { figure, scale, port, signal } = request;
  let reply: PngReply;
  try {
    reply = { png: await render(figure, scale) };
  } catch (error) {
    page = undefined;
    reply = { error: firstLine(error) };
  }
  port.postMessage(reply);
  port.close();
  notify(signal);
});
