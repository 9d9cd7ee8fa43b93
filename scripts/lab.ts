/**
 * `npm run lab [-- --classic] [--no-browser] [--port N]`: set up (kernel, lib
 * build, plotly.js for the front ends), then open notebooks/ in JupyterLab: the
 * real one when installed, else one assembled from npm's @jupyterlab packages
 * and served by Debian's jupyterlab-server (built on first use). `--classic`
 * opens the classic Notebook instead. Jupyter's own --ip and --ServerApp.* /
 * --NotebookApp.* options go to the server. Ctrl-C, SIGTERM and SIGHUP stop the
 * server with its kernels (lab/supervise.ts).
 */
import { activePreset, PRESET_ENV } from "../lib/presets";
import { parseFlags, runCli, UsageError } from "./cli/args";
import { ensureAssembledLab } from "./lab/assembled";
import { checkConfigClass, splitJupyterArgs } from "./lab/jupyter-args";
import { hasRealJupyterLab, labServerCommand, type LabClient } from "./lab/server";
import { superviseServer } from "./lab/supervise";
import { NOTEBOOKS_DIR } from "./notebook/paths";
import { checkJupyter } from "./notebook/preflight";
import { setup } from "./setup";

const USAGE = `usage: npm run lab [-- --classic] [--no-browser] [--port N] [JUPYTER OPTIONS]

Opens notebooks/ in JupyterLab (a real one if \`jupyter lab\` works, else the one
assembled in lab/, installed and built on first use), or with --classic in the
classic Notebook.

  --classic      the classic Notebook instead of JupyterLab
  --no-browser   do not open a browser; open the printed address yourself
  --port N       listen on port N (1-65535) instead of Jupyter's default 8888
  --help         this text

Jupyter's own options are passed to the server as given: --ip=ADDRESS, and
--ServerApp.NAME=VALUE (JupyterLab) or --NotebookApp.NAME=VALUE (--classic),
e.g. --ServerApp.token=SECRET. Ctrl-C, SIGTERM and SIGHUP (a closed terminal)
stop the server and its kernels.`;

const CLIENT_NAMES: Record<LabClient, string> = {
  jupyterlab: "JupyterLab",
  assembled: "JupyterLab (assembled in lab/ from npm's @jupyterlab packages)",
  classic: "the classic Notebook",
};

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535)
    throw new UsageError(`--port must be a port number from 1 to 65535, got "${value}"`);
  return n;
}

runCli(async () => {
  const { own, jupyter } = splitJupyterArgs(process.argv.slice(2));
  const { values } = parseFlags({
    args: own,
    options: {
      classic: { type: "boolean", default: false },
      "no-browser": { type: "boolean", default: false },
      port: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = {
    root: NOTEBOOKS_DIR,
    port: port(values.port),
    openBrowser: !values["no-browser"],
    extraArgs: jupyter,
  };
  if (values.classic) checkConfigClass(jupyter, "classic");
  await setup();
  checkJupyter({ execute: true });
  const client: LabClient = values.classic ? "classic" : hasRealJupyterLab() ? "jupyterlab" : "assembled";
  checkConfigClass(jupyter, client);
  if (client === "assembled") ensureAssembledLab((line) => console.log(line));
  console.log(
    `lab: starting ${CLIENT_NAMES[client]} in notebooks/ (kernel "TypeScript"; preset ${activePreset().name}, set ${PRESET_ENV} to change)`,
  );
  const code = await superviseServer({ ...labServerCommand(client, options), cwd: NOTEBOOKS_DIR }, (line) =>
    console.log(line),
  );
  if (code !== 0) throw new Error(`lab: ${CLIENT_NAMES[client]} exited with status ${code}`);
});
