import { counted, withCommas } from "../../format";

/** d2l's LeNet run (section 7.6): all of Fashion-MNIST's training images, 10 epochs of batch 128, SGD at lr 0.1. */
export const D2L_LENET = { trainImages: 60_000, epochs: 10, batchSize: 128, lr: 0.1 } as const;

export interface LenetBudget {
  preset: string;
  trainImages: number;
  valImages: number;
  epochs: number;
  batchSize: number;
  lr: number;
  seeds: number[];
}

export function sgdSteps(budget: Pick<LenetBudget, "trainImages" | "epochs" | "batchSize">): number {
  return budget.epochs * Math.ceil(budget.trainImages / budget.batchSize);
}

/** What one run of the notebook trains for, and each way that differs from d2l's LeNet run. */
export function seedBudget(budget: LenetBudget): string {
  const seeds = budget.seeds.length === 1 ? `seed ${budget.seeds[0]}` : `seeds ${budget.seeds.join(", ")}`;
  const plan =
    `Preset **${budget.preset}**: every run trains on the first ${withCommas(budget.trainImages)} training images ` +
    `for ${counted(budget.epochs, "epoch")} of batch ${budget.batchSize}, ${withCommas(sgdSteps(budget))} SGD steps at lr ${budget.lr}, ` +
    `and is validated on the first ${withCommas(budget.valImages)} test images; every variant runs with ${seeds}.`;
  const d2l = D2L_LENET;
  const deviations = [
    budget.trainImages !== d2l.trainImages &&
      `${withCommas(budget.trainImages)} of the ${withCommas(d2l.trainImages)} training images`,
    budget.epochs !== d2l.epochs && `${counted(budget.epochs, "epoch")} instead of ${d2l.epochs}`,
    budget.batchSize !== d2l.batchSize && `batch ${budget.batchSize} instead of ${d2l.batchSize}`,
    budget.lr !== d2l.lr && `lr ${budget.lr} instead of ${d2l.lr}`,
  ].filter((d): d is string => typeof d === "string");
  const against = `d2l's run (${withCommas(sgdSteps(d2l))} steps)`;
  return deviations.length === 0
    ? `${plan} That is d2l's own LeNet run.`
    : `${plan} Deviations from ${against}: ${deviations.join("; ")}.`;
}
