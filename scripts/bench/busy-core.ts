/**
 * Another process holding one core for `npm run bench -- --busy`: a loop
 * that never sleeps, as a second job on a shared machine would. It exits by
 * itself when its parent is gone, so no signal can leave it running.
 */
import { spawn, type ChildProcess } from "node:child_process";

const SPIN = `const parent = process.ppid;
for (let i = 1; ; i++) if (i % 50000000 === 0 && process.ppid !== parent) process.exit(0);`;

export interface BusyCore {
  stop(): void;
}

export function startBusyCore(): BusyCore {
  const child: ChildProcess = spawn(process.execPath, ["-e", SPIN], { stdio: "ignore" });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", stop);
  return {
    stop() {
      process.removeListener("exit", stop);
      stop();
    },
  };
}
