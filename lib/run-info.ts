import os from "node:os";
import { describeBackend, initBackend, type BackendInfo } from "./backend";
import { activePreset, type Preset } from "./presets";
import { libSourceHash } from "./source-hash";

/** What produced a notebook's numbers: printed first in every notebook and saved with results. */
export interface RunInfo {
  preset: Preset["name"];
  presetDescription: string;
  backend: BackendInfo;
  node: string;
  platform: string;
  cpus: number;
  date: string;
  /** libSourceHash of the library and the notebook's exercise folder (test/notebooks-fresh.test.ts compares it). */
  libHash: string;
  exercise?: string;
  /** When runInfo was called (ms since the epoch): a notebook's wall time counts from its first cell. */
  startedAt: number;
}

export interface RunInfoOptions {
  /** The notebook's folder in lib/exercises, e.g. "ex4-more-epochs". */
  exercise?: string;
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
    libHash: libSourceHash(exercise),
    ...(exercise ? { exercise } : {}),
    startedAt,
  };
}

export function formatRunInfo(info: RunInfo): string {
  const scope = info.exercise ? `lib/ with exercises/${info.exercise}` : "lib/ without exercises/";
  return [
    `preset: ${info.preset} (${info.presetDescription}); set D2L_PRESET=smoke|cpu|full to change`,
    `backend: ${describeBackend(info.backend)}; tfjs-core ${info.backend.tfjsCoreVersion}`,
    `machine: ${info.platform}, ${info.cpus} cores; node ${info.node}; ${info.date}`,
    `library source: ${info.libHash} (${scope})`,
  ].join("\n");
}

/** "wall time: 12 min 05 s since the first cell" — what a notebook's run took on this machine. */
export function formatWallTime(info: RunInfo, now = Date.now()): string {
  const seconds = Math.round((now - info.startedAt) / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = `${seconds % 60}`.padStart(minutes > 0 ? 2 : 1, "0");
  return `wall time: ${minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`} since the first cell (preset ${info.preset})`;
}
