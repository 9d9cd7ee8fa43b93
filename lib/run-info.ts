import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeBackend, initBackend, type BackendInfo } from "./backend";
import { activePreset, type Preset } from "./presets";
import { libRoot, repoRoot } from "./repo-root";
import { hashSources, notebookCode, notebookOfExercise, notebookSourceHash, type SourceHash } from "./source-hash";
import { importClosure } from "./source-hash/import-closure";

/** What produced a notebook's numbers: printed first in every notebook and saved with results. */
export interface RunInfo {
  preset: Preset["name"];
  presetDescription: string;
  backend: BackendInfo;
  node: string;
  platform: string;
  cpus: number;
  date: string;
  /** The hash of the lib files the notebook imports (test/notebooks-fresh.test.ts compares it). */
  libHash: string;
  /** What libHash covers: "4-more-epochs.ipynb's imports: 37 files". */
  libScope: string;
  exercise?: string;
  /** When runInfo was called (ms since the epoch): a notebook's wall time counts from its first cell. */
  startedAt: number;
}

export interface RunInfoOptions {
  /** The notebook's folder in lib/exercises, e.g. "ex4-more-epochs"; it names the notebook whose imports are hashed. */
  exercise?: string;
}

/** The library source a notebook runs on; without an exercise, everything lib/index.ts reaches. */
function librarySource(exercise: string | undefined): { libHash: string; libScope: string } {
  const counted = ({ files }: SourceHash) => `${files.length} file${files.length === 1 ? "" : "s"}`;
  if (exercise === undefined) {
    const source = hashSources(importClosure(libRoot(), ["index.ts"]));
    return { libHash: source.hash, libScope: `lib/index.ts's imports: ${counted(source)}` };
  }
  const notebook = notebookOfExercise(exercise);
  if (!existsSync(notebook)) {
    throw new Error(
      `runInfo: exercise "${exercise}" has no notebook ${path.relative(repoRoot(), notebook)}; pass the notebook's lib/exercises folder, e.g. "ex4-more-epochs"`,
    );
  }
  const source = notebookSourceHash(notebookCode(JSON.parse(readFileSync(notebook, "utf8"))));
  return { libHash: source.hash, libScope: `${path.basename(notebook)}'s imports: ${counted(source)}` };
}

/** Loads the backend (once), reads D2L_PRESET, and returns both with the machine's basics. */
export async function runInfo({ exercise }: RunInfoOptions = {}): Promise<RunInfo> {
  const startedAt = Date.now();
  const preset = activePreset();
  const backend = await initBackend({ log: () => {} });
  return {
    preset: preset.name,
    presetDescription: preset.description,
    backend,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? "unknown CPU"}`,
    cpus: os.cpus().length,
    date: new Date().toISOString().slice(0, 10),
    ...librarySource(exercise),
    ...(exercise ? { exercise } : {}),
    startedAt,
  };
}

export function formatRunInfo(info: RunInfo): string {
  return [
    `preset: ${info.preset} (${info.presetDescription}); set D2L_PRESET=smoke|cpu|full to change`,
    `backend: ${describeBackend(info.backend)}; tfjs-core ${info.backend.tfjsCoreVersion}`,
    `machine: ${info.platform}, ${info.cpus} cores; node ${info.node}; ${info.date}`,
    `library source: ${info.libHash} (${info.libScope})`,
  ].join("\n");
}

/** "wall time: 12 min 05 s since the first cell" — what a notebook's run took on this machine. */
export function formatWallTime(info: RunInfo, now = Date.now()): string {
  const seconds = Math.round((now - info.startedAt) / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = `${seconds % 60}`.padStart(minutes > 0 ? 2 : 1, "0");
  return `wall time: ${minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`} since the first cell (preset ${info.preset})`;
}
