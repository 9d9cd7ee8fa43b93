/**
 * `npm run train`: one run of d2l's loop (lib's trainRun) from the command line, on real Fashion-MNIST.
 * With --json the last line printed is {"config": ..., "backend": ..., "data": ..., "history": [...], "stopped"?: ...}.
 */
import { describeBackend, initBackend } from "../lib/backend";
import { countCosts } from "../lib/cost/count";
import { counted } from "../lib/format";
import { MODEL_NAMES, specByName } from "../lib/models/zoo";
import { OPTIMIZER_NAMES } from "../lib/optimizer-names";
import { activePreset, PRESET_NAMES, presetByName } from "../lib/presets";
import { assertTrainingFits } from "../lib/runs/memory-check";
import { trainRun } from "../lib/runs/run";
import { nonNegativeInt, oneOf, parseFlags, positiveInt, positiveNumber, runCli, UsageError } from "./cli/args";
import { TRAIN_DEFAULTS } from "./train-defaults";

const HELP = `Usage: npm run train -- [options]

Trains a model on real Fashion-MNIST with d2l's loop (SGD, cross-entropy) and
prints one line per epoch; a loss that turns NaN stops training early.

  --model NAME        ${MODEL_NAMES.join(" | ")} (default lenet)
  --preset NAME       ${PRESET_NAMES.join(" | ")} (default: $D2L_PRESET or cpu); sets the defaults below
${PRESET_NAMES.map((name) => `                        ${name}: ${describeDefaults(name)}`).join("\n")}
  --epochs N          epochs (default: the preset's)
  --lr X              learning rate (default 0.1 for LeNet, 0.01 for AlexNet, as d2l)
  --batch N           batch size (default 128, as d2l)
  --train-limit N     first N training images (default: the preset's; 0 = all 60,000)
  --val-limit N       first N test images to validate on (default: the preset's; 0 = all 10,000)
  --size N            input side in pixels (default 28; AlexNet: the preset's)
  --init NAME         xavier | torch (default: what d2l's code gives the model in effect:
                      torch for AlexNet, whose init_cnn runs before its lazy layers
                      exist; xavier, init_cnn, for LeNet)
  --optimizer NAME    ${OPTIMIZER_NAMES.join(" | ")} (default sgd)
  --seed N            seeds init, shuffling (default 0)
  --json              print the result as one JSON object on the last line
  -h, --help          this text`;

function describeDefaults(name: keyof typeof TRAIN_DEFAULTS): string {
  const { trainLimit, valLimit, epochs, alexnetSize } = TRAIN_DEFAULTS[name];
  const images = (limit: number) => (limit === 0 ? "all" : `${limit}`);
  return `${images(trainLimit)} train / ${images(valLimit)} test images, ${counted(epochs, "epoch")}, AlexNet at ${alexnetSize}×${alexnetSize}`;
}

async function main(): Promise<void> {
  const { values } = parseFlags({
    options: {
      model: { type: "string" },
      preset: { type: "string" },
      epochs: { type: "string" },
      lr: { type: "string" },
      batch: { type: "string" },
      "train-limit": { type: "string" },
      "val-limit": { type: "string" },
      size: { type: "string" },
      init: { type: "string" },
      optimizer: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const preset =
    values.preset === undefined ? activePreset() : presetByName(oneOf("preset", values.preset, PRESET_NAMES, "cpu"));
  const model = oneOf("model", values.model, MODEL_NAMES, "lenet");
  const isAlexNet = model === "alexnet";
  const defaults = TRAIN_DEFAULTS[preset.name];
  const config = {
    model,
    preset: preset.name,
    epochs: positiveInt("epochs", values.epochs, defaults.epochs),
    lr: positiveNumber("lr", values.lr, isAlexNet ? 0.01 : 0.1),
    batchSize: positiveInt("batch", values.batch, 128),
    trainLimit: nonNegativeInt("train-limit", values["train-limit"], defaults.trainLimit),
    valLimit: nonNegativeInt("val-limit", values["val-limit"], defaults.valLimit),
    size: positiveInt("size", values.size, isAlexNet ? defaults.alexnetSize : 28),
    // d2l's effective init (the spec's own): AlexNet "torch", LeNet "xavier".
    init: oneOf("init", values.init, ["xavier", "torch"] as const, specByName(model).init ?? "xavier"),
    optimizer: oneOf("optimizer", values.optimizer, OPTIMIZER_NAMES, "sgd"),
    seed: nonNegativeInt("seed", values.seed, 0),
  };
  if (config.size < 28)
    throw new UsageError(`--size must be at least 28 (Fashion-MNIST's own size), got ${config.size}`);

  const log = (line: string) => console.error(line);
  const backend = await initBackend({ log });
  const spec = specByName(config.model, { size: config.size });
  // trainRun checks this too; here the refusal names the flags that lower it.
  assertTrainingFits(spec, { batch: config.batchSize, optimizer: config.optimizer, lower: "--size or --batch" });
  const images = (limit: number, all: string) => (limit > 0 ? `first ${limit}` : all);
  log(
    `preset ${preset.name}; ${images(config.trainLimit, "all 60,000")} training and ${images(config.valLimit, "all 10,000")} test images at ${config.size}×${config.size}, batch ${config.batchSize}`,
  );
  log(
    `${spec.name}: ${countCosts(spec).params.toLocaleString("en-US")} parameters, init ${config.init}, ${config.optimizer} lr ${config.lr}`,
  );
  const run = await trainRun({
    spec,
    data: {
      batchSize: config.batchSize,
      log,
      ...(config.trainLimit > 0 ? { trainSubset: config.trainLimit } : {}),
      ...(config.valLimit > 0 ? { valSubset: config.valLimit } : {}),
    },
    epochs: config.epochs,
    lr: config.lr,
    optimizer: config.optimizer,
    init: config.init,
    seed: config.seed,
  });
  if (values.json) {
    const { setup, spec: _spec, trainSize, valSize, ...record } = run;
    console.log(
      JSON.stringify({
        config,
        backend: { ...backend, description: describeBackend(backend) },
        data: { trainSize, valSize },
        ...record,
      }),
    );
  }
}

runCli(main);
