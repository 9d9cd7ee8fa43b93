/**
 * Downloads the Fashion-MNIST files from the data set's authors into a
 * directory, checking each against its published MD5. A file is written to a
 * temporary name and renamed only once its checksum matches, so an
 * interrupted or corrupt download never leaves a file that looks complete.
 */
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import {
  FASHION_MNIST_FILES,
  FASHION_MNIST_MIRRORS,
  fileNamesList,
  type FashionMnistFile,
  type FileKey,
} from "./files";
import { DEBIAN_PACKAGE, FASHION_MNIST_DIR_ENV, filesIn } from "./locate";

export interface DownloadOptions {
  /** Base URLs tried in order for each file (default: the official locations). */
  mirrors?: readonly string[];
  /** Expected MD5 of each .gz file (default: the published checksums). */
  checksums?: Partial<Record<FileKey, string>>;
  /** Show a progress bar on stderr (default: when stderr is a terminal). */
  progressBar?: boolean;
  /** Give up on a mirror that sends nothing for this long (default 30 s). */
  idleTimeoutMs?: number;
  log?: (line: string) => void;
}

/** A download that completed but whose bytes are not the published file. */
class ChecksumMismatch extends Error {}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const text = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return text.split("\n")[0];
}

async function downloadFile(
  url: string,
  dest: string,
  md5: string,
  options: Required<Pick<DownloadOptions, "progressBar" | "idleTimeoutMs">>,
): Promise<void> {
  const temp = `${dest}.${process.pid}.download.tmp`;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => controller.abort(new Error(`nothing received for ${options.idleTimeoutMs / 1000} s`)),
      options.idleTimeoutMs,
    );
  };
  let bar: SingleBar | undefined;
  try {
    rearm();
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    const totalKiB = Math.round(Number(response.headers.get("content-length") ?? 0) / 1024);
    if (options.progressBar) {
      bar = new SingleBar(
        {
          format: `${url.split("/").pop()} [{bar}] {percentage}% | {value}/{total} KiB | ETA {eta}s`,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(totalKiB, 0);
    }
    const hash = createHash("md5");
    const out = createWriteStream(temp);
    let received = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        rearm();
        hash.update(chunk);
        received += chunk.length;
        bar?.update(Math.round(received / 1024));
        if (!out.write(chunk)) await once(out, "drain");
      }
    } finally {
      out.end();
      await once(out, "close");
    }
    const actual = hash.digest("hex");
    if (actual !== md5) throw new ChecksumMismatch(`its MD5 is ${actual}, not the published ${md5}`);
    renameSync(temp, dest);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    clearTimeout(timer);
    bar?.stop();
  }
}

async function fetchOne(
  file: FashionMnistFile,
  dir: string,
  options: DownloadOptions & Required<Pick<DownloadOptions, "progressBar" | "idleTimeoutMs" | "log" | "mirrors">>,
): Promise<void> {
  const gz = `${file.name}.gz`;
  const dest = join(dir, gz);
  const failures: string[] = [];
  for (const mirror of options.mirrors) {
    const url = new URL(gz, mirror).toString();
    options.log(`downloading ${url}`);
    try {
      await downloadFile(url, dest, options.checksums?.[file.key] ?? file.md5, options);
      options.log(`saved ${dest} (MD5 checked)`);
      return;
    } catch (error) {
      if (error instanceof ChecksumMismatch) {
        failures.push(`${url} was downloaded but ${error.message}; nothing was kept`);
      } else {
        failures.push(`${url}: ${reason(error)}`);
      }
    }
  }
  const where = `put the four files (${fileNamesList()}, gzipped or not) in ${dir}, or set ${FASHION_MNIST_DIR_ENV} to a directory holding them, or install Debian's ${DEBIAN_PACKAGE}`;
  throw new Error(
    `Fashion-MNIST is not on this machine and could not be downloaded (${failures.join("; ")}): ${where}`,
  );
}

/** Downloads whichever of the four files `dir` lacks. Resolves once all four are there and checked. */
export async function downloadFashionMnist(dir: string, options: DownloadOptions = {}): Promise<void> {
  const settings = {
    ...options,
    mirrors: options.mirrors ?? FASHION_MNIST_MIRRORS,
    progressBar: options.progressBar ?? Boolean(process.stderr.isTTY),
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    log: options.log ?? ((line: string) => console.log(line)),
  };
  mkdirSync(dir, { recursive: true });
  const present = filesIn(dir).paths;
  for (const file of FASHION_MNIST_FILES) {
    if (!present[file.key]) await fetchOne(file, dir, settings);
  }
}
