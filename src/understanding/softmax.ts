// Multinomial logistic regression (softmax) over hashed sparse features, plus per-class "evidence"
// features whose weights all classes share (a conditional logit): a class's score is its own bias, its own
// weight for each feature present, and the shared weights times what the content says for that class
// (see router.ts). The shared part is what lets a playbook the model never saw labelled examples of be
// chosen on its content's evidence alone.
//
// Trained by stochastic gradient descent with AdaGrad step sizes and L2 shrinkage of the weights an example
// touches, in a seeded order: the same data always gives the same model. Why not natural's
// LogisticRegressionClassifier or BayesClassifier: they turn every text into a dense vector over the whole
// vocabulary (an `indexOf` per vocabulary word), O(vocabulary) per text; with character n-grams over this
// corpus that is tens of thousands of operations per text and seconds of training at start-up.
import { FEATURE_BITS, type Features } from './features.js';
import { seededRandom } from './seeded-random.js';

export interface Example {
  features: Features;
  /** Per-class shared features, class-major: dense[k * denseDims + d]; null when there are none. */
  dense: Float32Array | null;
  /** The class index. */
  label: number;
  /** How much the example counts (1 = one ordinary example). */
  weight: number;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 shrinkage per update, on the weights the example touches. */
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 3, learningRate: 0.5, l2: 1e-5, seed: 7 };

const EPSILON = 1e-8;
/** A class whose error on an example is below this gets no update from it (its gradient is negligible). */
const SETTLED = 1e-3;

/**
 * Which row of a model's weights each hashed feature has: -1 for a feature no training example had (its
 * weight would stay 0). Rows are few (tens of thousands) and contiguous, so training and scoring stay in the
 * processor's cache. Built once per training set (`indexFeatures`) and shared by every model trained on that
 * set (the router's ensemble): 1 MB each, not per model.
 */
export interface FeatureRows {
  /** Hashed feature → row, -1 when absent; 2^FEATURE_BITS entries. */
  rowOf: Int32Array;
  rows: number;
  /** Per example, its features' rows (same order as `examples[i].features.index`). */
  rowed: Int32Array[];
}

/** Numbers the rows of the features the examples have, in the order first met. */
export function indexFeatures(examples: readonly Example[]): FeatureRows {
  const rowOf = new Int32Array(1 << FEATURE_BITS).fill(-1);
  let rows = 0;
  const rowed = examples.map((ex) => {
    const index = new Int32Array(ex.features.index.length);
    ex.features.index.forEach((f, t) => {
      if (rowOf[f] === -1) rowOf[f] = rows++;
      index[t] = rowOf[f]!;
    });
    return index;
  });
  return { rowOf, rows, rowed };
}

/** A model not trained yet scores every class by its bias alone (0: uniform). */
const NO_ROWS = new Int32Array(0);

export class SoftmaxRegression {
  /** Hashed feature → row of `weights` (see FeatureRows); empty until trained. */
  private rowOf: Int32Array = NO_ROWS;
  /**
   * Feature weights, row-major: weights[row * classes + k]. Trained in 64-bit floats (AdaGrad's small steps
   * need them), then kept in 32 bits: half the memory, and the same decisions (bench:routing unchanged).
   */
  private weights = new Float32Array(0);
  private readonly bias: Float64Array;
  private readonly shared: Float64Array;

  constructor(readonly classes: number, readonly denseDims: number) {
    if (classes < 2) throw new RangeError(`a classifier needs at least 2 classes, not ${classes}`);
    this.bias = new Float64Array(classes);
    this.shared = new Float64Array(denseDims);
  }

  /**
   * Fits the model to the examples (once: a model is trained when it is built). `index`: the examples'
   * feature rows, when several models are trained on the same examples (built here otherwise).
   */
  train(examples: Example[], options: TrainingOptions = DEFAULT_TRAINING, index: FeatureRows = indexFeatures(examples)): void {
    const C = this.classes;
    const D = this.denseDims;
    const { rowOf, rows, rowed } = index;
    const weights = new Float64Array(rows * C);
    const gw = new Float64Array(rows * C);
    const gb = new Float64Array(C);
    const gs = new Float64Array(D);
    const order = examples.map((_, i) => i);
    const next = seededRandom(options.seed);
    const p = new Float64Array(C);
    const lr = options.learningRate;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const swap = order[i]!;
        order[i] = order[j]!;
        order[j] = swap;
      }
      for (const n of order) {
        const ex = examples[n]!;
        const index = rowed[n]!;
        const value = ex.features.value;
        this.scoreRows(weights, index, value, ex.dense, p);
        softmaxInPlace(p);
        let settled = true;
        for (let k = 0; k < C; k++) {
          p[k] = ex.weight * (p[k]! - (k === ex.label ? 1 : 0));
          if (Math.abs(p[k]!) >= SETTLED) settled = false;
        }
        // An example the model already gets right with near certainty has nothing left to teach.
        if (settled) continue;
        for (let t = 0; t < index.length; t++) {
          const base = index[t]! * C;
          for (let k = 0; k < C; k++) {
            if (Math.abs(p[k]!) < SETTLED) continue;
            const at = base + k;
            const g = p[k]! * value[t]! + options.l2 * weights[at]!;
            if (g === 0) continue;
            gw[at] = gw[at]! + g * g;
            weights[at] = weights[at]! - (lr * g) / Math.sqrt(gw[at]! + EPSILON);
          }
        }
        for (let k = 0; k < C; k++) {
          const g = p[k]!;
          gb[k] = gb[k]! + g * g;
          this.bias[k] = this.bias[k]! - (lr * g) / Math.sqrt(gb[k]! + EPSILON);
        }
        if (ex.dense && D > 0) {
          for (let d = 0; d < D; d++) {
            let g = 0;
            for (let k = 0; k < C; k++) g += p[k]! * ex.dense[k * D + d]!;
            if (g === 0) continue;
            gs[d] = gs[d]! + g * g;
            this.shared[d] = this.shared[d]! - (lr * g) / Math.sqrt(gs[d]! + EPSILON);
          }
        }
      }
    }
    this.rowOf = rowOf;
    this.weights = Float32Array.from(weights);
  }

  /** Class probabilities (sum 1). */
  probabilities(features: Features, dense: Float32Array | null): Float64Array {
    const out = new Float64Array(this.classes);
    this.scoreInto(features, dense, out);
    softmaxInPlace(out);
    return out;
  }

  /** How much one feature pushes class k above the average class (for explanations). */
  lean(feature: number, k: number): number {
    const row = this.rowOf[feature] ?? -1;
    if (row < 0) return 0;
    const base = row * this.classes;
    let mean = 0;
    for (let c = 0; c < this.classes; c++) mean += this.weights[base + c]!;
    return this.weights[base + k]! - mean / this.classes;
  }

  private scoreInto(features: Features, dense: Float32Array | null, out: Float64Array): void {
    const C = this.classes;
    for (let k = 0; k < C; k++) out[k] = this.bias[k]!;
    const { index, value } = features;
    for (let t = 0; t < index.length; t++) {
      const row = this.rowOf[index[t]!] ?? -1;
      if (row < 0) continue;
      const base = row * C;
      const v = value[t]!;
      for (let k = 0; k < C; k++) out[k] = out[k]! + this.weights[base + k]! * v;
    }
    this.addDense(dense, out);
  }

  /** Scores during training, with its 64-bit weights. */
  private scoreRows(weights: Float64Array, rows: Int32Array, value: Float32Array, dense: Float32Array | null, out: Float64Array): void {
    const C = this.classes;
    for (let k = 0; k < C; k++) out[k] = this.bias[k]!;
    for (let t = 0; t < rows.length; t++) {
      const base = rows[t]! * C;
      const v = value[t]!;
      for (let k = 0; k < C; k++) out[k] = out[k]! + weights[base + k]! * v;
    }
    this.addDense(dense, out);
  }

  private addDense(dense: Float32Array | null, out: Float64Array): void {
    const C = this.classes;
    const D = this.denseDims;
    if (dense && D > 0) {
      for (let k = 0; k < C; k++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += this.shared[d]! * dense[k * D + d]!;
        out[k] = out[k]! + s;
      }
    }
  }
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp(z[k]! - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = z[k]! / sum;
}
