import { inTslabKernel } from "../plot/kernel-display";
import { trainingBoard } from "./board";
import { barProgress, lineProgress, type ProgressReporter } from "./progress";

/** In a notebook the live training board; on an interactive terminal a bar; epoch lines otherwise (logs, CI). */
export function defaultProgress(): ProgressReporter {
  if (inTslabKernel()) return trainingBoard();
  return process.stderr.isTTY ? barProgress() : lineProgress();
}
