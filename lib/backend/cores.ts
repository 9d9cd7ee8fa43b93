/**
 * The cores this process may compute on: what the affinity mask allows
 * (os.availableParallelism()), capped by the cgroup's CPU quota when a
 * container or systemd unit sets one. A quota of 1.5 CPUs gives 2 threads,
 * as Go's runtime rounds it.
 */
import { readFileSync } from "node:fs";
import os from "node:os";

type ReadFile = (file: string) => string | undefined;

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** CPUs the cgroup's quota allows (cgroup v2 `cpu.max`, else v1's cfs quota), or undefined when unlimited. */
export function cgroupCpuLimit(read: ReadFile = readIfPresent): number | undefined {
  const v2 = read("/sys/fs/cgroup/cpu.max")?.trim().split(/\s+/);
  const [quota, period] = v2
    ? [Number(v2[0]), Number(v2[1])]
    : [Number(read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")), Number(read("/sys/fs/cgroup/cpu/cpu.cfs_period_us"))];
  if (!(quota > 0) || !(period > 0)) return undefined;
  return Math.max(1, Math.ceil(quota / period));
}

export function usableCores(read: ReadFile = readIfPresent, available = os.availableParallelism()): number {
  return Math.max(1, Math.min(available, cgroupCpuLimit(read) ?? available));
}
