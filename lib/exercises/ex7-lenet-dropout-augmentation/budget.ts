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
