/**
 * `npm run train`: the Trainer's loop from the command line, on real Fashion-MNIST.
 * With --json the last line printed is {"config": ..., "backend": ..., "history": [...], "stopped"?: ...}.
 */
import { describeBackend, initBackend } from "../lib/backend";
import { fashionMnist } from "../lib/data";
import { buildModel } from "../lib/models/build";
import { MODEL_NAMES, specByName } from "../lib/models/zoo";
import { activePreset, PRESET_NAMES, presetByName } from "../lib/presets";
import { OPTIMIZER_NAMES } from "../lib/optimizer-names";
import { assertTrainingFits } from "../lib/runs/memory-check";
import { fit } from "../lib/train/trainer";
import { nonNegativeInt, oneOf, parseFlags, positiveInt, positiveNumber, runCli, UsageError } from "./cli/args";

const HELP = `Usage: npm run train -- [options]

Trains a model on real Fashion-MNIST with d2l's loop (SGD, cross-entropy) and
prints one line per epoch; a loss that turns NaN stops training early.

  --model NAME        ${MODEL_NAMES.join(" | ")} (default lenet)
  --preset NAME       ${PRESET_NAMES.join(" | ")} (default: $D2L_PRESET or cpu); sets the defaults below
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
  const config = {
    model,
    preset: preset.name,
    epochs: positiveInt("epochs", values.epochs, preset.epochs),
    lr: positiveNumber("lr", values.lr, isAlexNet ? 0.01 : 0.1),
    batchSize: positiveInt("batch", values.batch, 128),
    trainLimit: nonNegativeInt("train-limit", values["train-limit"], preset.trainLimit),
    valLimit: nonNegativeInt("val-limit", values["val-limit"], preset.valLimit),
    size: positiveInt("size", values.size, isAlexNet ? preset.alexnetSize : 28),
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
  assertTrainingFits(spec, { batch: config.batchSize, optimizer: config.optimizer, lower: "--size or --batch" });
  const net = buildModel(spec, { init: config.init, seed: config.seed });
  const data = await fashionMnist({
    batchSize: config.batchSize,
    resize: config.size,
    seed: config.seed,
    log,
    ...(config.trainLimit > 0 ? { trainSubset: config.trainLimit } : {}),
    ...(config.valLimit > 0 ? { valSubset: config.valLimit } : {}),
  });
  log(`preset ${preset.name}; ${data.describe()}`);
  log(
    `${spec.name}: ${net.countParams().toLocaleString("en-US")} parameters, init ${config.init}, ${config.optimizer} lr ${config.lr}`,
  );
  const result = await fit(net, data, {
    epochs: config.epochs,
    lr: config.lr,
    optimizer: config.optimizer,
    label: spec.name,
  });
  net.dispose();
  if (values.json) {
    console.log(
      JSON.stringify({
        config,
        backend: { ...backend, description: describeBackend(backend) },
        data: data.info,
        ...result,
      }),
    );
  }
}

runCli(main);
