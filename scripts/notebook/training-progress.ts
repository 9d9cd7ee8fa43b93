/**
 * A running cell's training progress for the terminal. The kernel's live
 * training board (lib/train/board.ts) is one display output redrawn in place;
 * its title, `LABEL: training, N epochs of B batches`, then `LABEL: epoch
 * i/n, val acc …, … img/s`, then `LABEL: done, …` (or why it stopped),
 * changes at most once per epoch. execute_hooks.py forwards each new title;
 * this turns them into log lines: at most one per `minGapMs`, the latest held
 * back until the gap has passed, with the time the run has left where the
 * title gives epoch i/n.
 */

/** Lines closer together than this are held back (cpu epochs take 20 s to minutes; smoke ones under a second). */
export const MIN_GAP_MS = 10_000;

const START = /^(.*): training, /;
const EPOCH = /^(.*): epoch (\d+)\/(\d+)\b/;

interface RunClock {
  /** When epoch `epoch` was known to have ended (0: when training started). */
  at: number;
  epoch: number;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}

export class TrainingProgress {
  private readonly clocks = new Map<string, RunClock>();
  private lastLineAt = Number.NEGATIVE_INFINITY;
  private pending: string | undefined;

  constructor(private readonly minGapMs = MIN_GAP_MS) {}

  /** A new board title at `now` (ms); the line to print now, if any. */
  title(title: string, now: number): string | undefined {
    const line = this.describe(title, now);
    if (now - this.lastLineAt < this.minGapMs) {
      this.pending = line;
      return undefined;
    }
    return this.emit(line, now);
  }

  /** The held-back line once the gap has passed (call it every second or so). */
  flush(now: number): string | undefined {
    if (this.pending === undefined || now - this.lastLineAt < this.minGapMs) return undefined;
    return this.emit(this.pending, now);
  }

  /** The cell ended: its own line follows, so a held-back title is dropped. */
  reset(): void {
    this.pending = undefined;
    this.clocks.clear();
  }

  private emit(line: string, now: number): string {
    this.pending = undefined;
    this.lastLineAt = now;
    return line;
  }

  private describe(title: string, now: number): string {
    const start = START.exec(title);
    if (start) {
      this.clocks.set(start[1], { at: now, epoch: 0 });
      return title;
    }
    const epoch = EPOCH.exec(title);
    if (!epoch) {
      // done, or why it stopped: the run is over.
      return title;
    }
    const [, label, doneText, totalText] = epoch;
    const done = Number(doneText);
    const total = Number(totalText);
    const clock = this.clocks.get(label);
    if (!clock || done <= clock.epoch) {
      // No start seen (or a new run under the same label): time from here on.
      this.clocks.set(label, { at: now, epoch: done });
      return title;
    }
    const left = ((now - clock.at) / (done - clock.epoch)) * (total - done);
    return done < total ? `${title} (about ${formatDuration(left)} left in this run)` : title;
  }
}
