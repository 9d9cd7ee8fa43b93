/**
 * Jupyter's own options on `npm run lab`'s command line (`--ip=0.0.0.0`,
 * `--ServerApp.token=…`, `--NotebookApp.password=…`): set aside before the
 * wrapper's flags are parsed and passed to the server unchanged.
 */
import { UsageError } from "../cli/args";
import { serverConfigClass, type LabClient } from "./server";

const CONFIG_CLASSES = ["ServerApp", "NotebookApp"] as const;
const OPTION = /^--(ip|(ServerApp|NotebookApp)\.\w+)(=.*)?$/;

export interface SplitArgs {
  /** The wrapper's own flags, for parseFlags. */
  own: string[];
  /** Jupyter's, each as one `--name=value`. */
  jupyter: string[];
}

/** Takes `--name=value` and `--name value` (a value not starting with "--"). */
export function splitJupyterArgs(args: readonly string[]): SplitArgs {
  const own: string[] = [];
  const jupyter: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const match = OPTION.exec(args[i]);
    if (!match) {
      own.push(args[i]);
      continue;
    }
    if (match[3] !== undefined) {
      jupyter.push(args[i]);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--"))
      throw new UsageError(`${args[i]} needs a value: ${args[i]}=VALUE`);
    jupyter.push(`${args[i]}=${value}`);
    i++;
  }
  return { own, jupyter };
}

/**
 * The classic Notebook reads only NotebookApp.*, the assembled JupyterLab's jupyter_server only ServerApp.*;
 * an option for the other one would be ignored without a word, so it is refused. A real JupyterLab 3 maps
 * NotebookApp.* onto ServerApp.* itself.
 */
export function checkConfigClass(jupyter: readonly string[], client: LabClient): void {
  if (client === "jupyterlab") return;
  const wanted = serverConfigClass(client);
  const other = CONFIG_CLASSES.find((c) => c !== wanted)!;
  const wrong = jupyter.find((arg) => arg.startsWith(`--${other}.`));
  if (!wrong) return;
  const name = wrong.split("=")[0];
  throw new UsageError(
    `${name} is not read by ${client === "classic" ? "the classic Notebook" : "JupyterLab's server"}; use --${wanted}.${name.slice(other.length + 3)}`,
  );
}
