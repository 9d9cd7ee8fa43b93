/**
 * SGD and Adam whose update is one native pass per variable when the native
 * backend is active (lib/backend/native/optimizer-updates.ts): tfjs's SGD
 * streams AlexNet's 46.8 M weights twice per step, its Adam about ten times.
 * The arithmetic and its float32 rounding are tfjs's, so a run gives the same
 * numbers either way (test/native-optimizers.test.ts).
 */
import type { NativeOptimizerUpdates } from "../backend/native";
import { tf } from "../tf";

type NamedTensor = { name: string; tensor: tf.Tensor };
type VariableGradients = tf.NamedTensorMap | NamedTensor[];

function* namedGradients(gradients: VariableGradients): Generator<[tf.Variable, tf.Tensor]> {
  const entries = Array.isArray(gradients)
    ? gradients.map(({ name, tensor }) => [name, tensor] as const)
    : Object.entries(gradients);
  for (const [name, gradient] of entries) {
    if (gradient != null) yield [tf.engine().registeredVariables[name], gradient];
  }
}

export class FusedSgd extends tf.SGDOptimizer {
  constructor(
    learningRate: number,
    private readonly updates: NativeOptimizerUpdates,
  ) {
    super(learningRate);
  }

  override applyGradients(gradients: VariableGradients): void {
    for (const [value, gradient] of namedGradients(gradients)) this.updates.sgd(value, gradient, this.learningRate);
    this.incrementIterations();
  }
}

/** tfjs's Adam (β1 0.9, β2 0.999, ε the backend's), its moments kept per variable. */
export class FusedAdam extends tf.Optimizer {
  static get className(): string {
    return "Adam";
  }
  private readonly moments = new Map<tf.Variable, { m: tf.Variable; v: tf.Variable }>();
  // β1ᵗ and β2ᵗ as tfjs keeps them: float32 products, one factor per step.
  private accBeta1: number;
  private accBeta2: number;

  constructor(
    private readonly learningRate: number,
    private readonly updates: NativeOptimizerUpdates,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = tf.backend().epsilon(),
  ) {
    super();
    this.accBeta1 = Math.fround(beta1);
    this.accBeta2 = Math.fround(beta2);
  }

  applyGradients(gradients: VariableGradients): void {
    const step = {
      lr: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      accBeta1: this.accBeta1,
      accBeta2: this.accBeta2,
    };
    for (const [value, gradient] of namedGradients(gradients)) {
      const { m, v } = this.momentsOf(value);
      this.updates.adam(value, gradient, m, v, step);
    }
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
    this.incrementIterations();
  }

  private momentsOf(value: tf.Variable): { m: tf.Variable; v: tf.Variable } {
    let moments = this.moments.get(value);
    if (!moments) {
      const zeros = () => tf.tidy(() => tf.zerosLike(value).variable(false));
      moments = { m: zeros(), v: zeros() };
      this.moments.set(value, moments);
    }
    return moments;
  }

  override dispose(): void {
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const moments = [...this.moments.entries()];
    return [
      await this.saveIterations(),
      ...moments.map(([value, { m }]) => ({ name: `${value.name}/m`, tensor: m })),
      ...moments.map(([value, { v }]) => ({ name: `${value.name}/v`, tensor: v })),
    ];
  }

  override async setWeights(): Promise<void> {
    throw new Error("FusedAdam does not load saved optimizer state; train with tf.train.adam to resume from one");
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
