import os from "node:os";
import { describeBackend, initBackend, type BackendInfo } from "./backend";
import { activePreset, type Preset } from "./presets";

/** What produced a notebook's numbers: printed first in every notebook and saved with results. */
export interface RunInfo {
  preset: Preset["name"];
  presetDescription: string;
  backend: BackendInfo;
  node: string;
  platform: string;
  cpus: number;
  date: string;
}

/** Loads the backend (once), reads D2L_PRESET, and returns both with the machine's basics. */
export async function runInfo(): Promise<RunInfo> {
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
  };
}

export function formatRunInfo(info: RunInfo): string {
  return [
    `preset: ${info.preset} (${info.presetDescription}); set D2L_PRESET=smoke|cpu|full to change`,
    `backend: ${describeBackend(info.backend)}; tfjs-core ${info.backend.tfjsCoreVersion}`,
    `machine: ${info.platform}, ${info.cpus} cores; node ${info.node}; ${info.date}`,
  ].join("\n");
}
