/**
 * Reader for the IDX files Fashion-MNIST ships in (the MNIST format): a
 * big-endian header — magic number, then one 32-bit size per dimension — and
 * unsigned bytes. Accepts the files gzipped or not (told apart by the gzip
 * magic bytes, not by the name) and checks everything a damaged or wrong file
 * could get wrong, so a bad file is an error, never a silently short data set.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { IMAGE_SIZE } from "./files";

const IMAGES_MAGIC = 0x00000803; // 2051: unsigned bytes, 3 dimensions
const LABELS_MAGIC = 0x00000801; // 2049: unsigned bytes, 1 dimension
const NUM_CLASSES = 10;

export const DEFAULT_ADVICE = "replace it with an intact copy of the Fashion-MNIST file";

/** A data file that cannot be used. The message is one line: the path, what is wrong, what to do. */
export class DataFileError extends Error {
  override name = "DataFileError";
  constructor(
    readonly path: string,
    readonly problem: string,
    advice: string = DEFAULT_ADVICE,
  ) {
    super(`${path}: ${problem}; ${advice}`);
  }
}

export interface IdxImages {
  path: string;
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols bytes, image after image, row-major. */
  pixels: Uint8Array;
}

export interface IdxLabels {
  path: string;
  count: number;
  /** One class index 0..9 per image. */
  labels: Uint8Array;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The file's bytes, decompressed if it is gzipped. */
export function readIdxBytes(path: string, advice = DEFAULT_ADVICE): Buffer {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(
      path,
      code === "ENOENT" ? "file does not exist" : `cannot be read (${code ?? error})`,
      advice,
    );
  }
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw);
  } catch (error) {
    throw new DataFileError(path, `is not a valid gzip file (${(error as Error).message})`, advice);
  }
}

function magicName(magic: number): string {
  if (magic === IMAGES_MAGIC) return "2051, an IDX image file";
  if (magic === LABELS_MAGIC) return "2049, an IDX label file";
  return `0x${magic.toString(16).padStart(8, "0")}, not an IDX file of unsigned bytes`;
}

function checkHeader(bytes: Buffer, path: string, advice: string, expected: number, headerBytes: number): void {
  if (bytes.length < headerBytes) {
    throw new DataFileError(
      path,
      `is ${bytes.length} bytes, too short for an IDX header (${headerBytes} bytes)`,
      advice,
    );
  }
  const magic = bytes.readUInt32BE(0);
  if (magic !== expected) {
    throw new DataFileError(path, `magic number is ${magicName(magic)}; expected ${magicName(expected)}`, advice);
  }
}

function checkLength(bytes: Buffer, path: string, advice: string, expectedLength: number, what: string): void {
  if (bytes.length < expectedLength) {
    throw new DataFileError(
      path,
      `is truncated: its header announces ${what} (${expectedLength} bytes) but it holds ${bytes.length} bytes`,
      advice,
    );
  }
  if (bytes.length > expectedLength) {
    throw new DataFileError(
      path,
      `has ${bytes.length - expectedLength} bytes after the ${what} its header announces (${expectedLength} bytes expected)`,
      advice,
    );
  }
}

export function parseIdxImages(bytes: Buffer, path: string, advice = DEFAULT_ADVICE): IdxImages {
  checkHeader(bytes, path, advice, IMAGES_MAGIC, 16);
  const count = bytes.readUInt32BE(4);
  const rows = bytes.readUInt32BE(8);
  const cols = bytes.readUInt32BE(12);
  if (rows !== IMAGE_SIZE || cols !== IMAGE_SIZE) {
    throw new DataFileError(
      path,
      `images are ${rows}×${cols}; Fashion-MNIST images are ${IMAGE_SIZE}×${IMAGE_SIZE}`,
      advice,
    );
  }
  checkLength(bytes, path, advice, 16 + count * rows * cols, `${count} images of ${rows}×${cols}`);
  return { path, count, rows, cols, pixels: new Uint8Array(bytes.buffer, bytes.byteOffset + 16, count * rows * cols) };
}

export function parseIdxLabels(bytes: Buffer, path: string, advice = DEFAULT_ADVICE): IdxLabels {
  checkHeader(bytes, path, advice, LABELS_MAGIC, 8);
  const count = bytes.readUInt32BE(4);
  checkLength(bytes, path, advice, 8 + count, `${count} labels`);
  const labels = new Uint8Array(bytes.buffer, bytes.byteOffset + 8, count);
  const bad = labels.findIndex((label) => label >= NUM_CLASSES);
  if (bad >= 0) {
    throw new DataFileError(path, `label ${labels[bad]} at index ${bad} is not a class 0..${NUM_CLASSES - 1}`, advice);
  }
  return { path, count, labels };
}

export function readIdxImages(path: string, advice = DEFAULT_ADVICE): IdxImages {
  return parseIdxImages(readIdxBytes(path, advice), path, advice);
}

export function readIdxLabels(path: string, advice = DEFAULT_ADVICE): IdxLabels {
  return parseIdxLabels(readIdxBytes(path, advice), path, advice);
}

/** Serialises images or labels as IDX bytes (for fixtures and tests). */
export function encodeIdx(data: { pixels: Uint8Array; count: number } | { labels: Uint8Array; count: number }): Buffer {
  const isImages = "pixels" in data;
  const header = Buffer.alloc(isImages ? 16 : 8);
  header.writeUInt32BE(isImages ? IMAGES_MAGIC : LABELS_MAGIC, 0);
  header.writeUInt32BE(data.count, 4);
  if (isImages) {
    header.writeUInt32BE(IMAGE_SIZE, 8);
    header.writeUInt32BE(IMAGE_SIZE, 12);
  }
  return Buffer.concat([header, isImages ? data.pixels : data.labels]);
}
