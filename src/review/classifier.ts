// A small logistic regression over sparse binary features (strings), trained by plain gradient descent
// with L2 regularisation and balanced class weights. Deterministic: same examples, same model. Used per
// principle or violation to tell whether a sentence shows it, from the labelled drafts.
//
// Why not natural's BayesClassifier: it scores an observation against the whole vocabulary (slow on
// long drafts), and its smoothing makes words it never saw count FOR the smaller class, so long
// sentences drift to "yes". Stemming and negation come from natural and our tokenizer (features.ts).

export interface Example {
  features: string[];
  positive: boolean;
  /** How much this example counts (default 1). */
  weight?: number;
}

export interface TrainOptions {
  epochs: number;
  /** Step size. */
  rate: number;
  /** L2 penalty per epoch. */
  l2: number;
  /** How far the rarer class is weighted up: 0 not at all, 1 until both classes weigh the same. */
  balance: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 40, rate: 0.3, l2: 0.002, balance: 0.5 };

export class LogisticModel {
  private constructor(private readonly weights: ReadonlyMap<string, number>, private readonly bias: number) {}

  /** Trains on the examples; with no positive (or no negative) example the model always says no (or yes). */
  static train(examples: Example[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): LogisticModel {
    const positives = examples.reduce((n, e) => n + (e.positive ? e.weight ?? 1 : 0), 0);
    const negatives = examples.reduce((n, e) => n + (e.positive ? 0 : e.weight ?? 1), 0);
    if (positives === 0 || negatives === 0) return new LogisticModel(new Map(), positives === 0 ? -20 : 20);
    // Partly balanced: full balance makes a rare class (a violation) overconfident.
    const posWeight = ((positives + negatives) / (2 * positives)) ** options.balance;
    const negWeight = ((positives + negatives) / (2 * negatives)) ** options.balance;
    // Features as indexes into one weight array: training touches each example's features many times.
    const index = new Map<string, number>();
    const rows = examples.map((e) => {
      const ids = new Set<number>();
      for (const f of e.features) {
        let i = index.get(f);
        if (i === undefined) index.set(f, (i = index.size));
        ids.add(i);
      }
      return { ids: Int32Array.from(ids), y: e.positive ? 1 : 0, w: (e.weight ?? 1) * (e.positive ? posWeight : negWeight) };
    });
    const w = new Float64Array(index.size);
    let bias = 0;
    const decay = 1 - options.l2;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.rate / (1 + epoch * 0.1);
      for (const row of rows) {
        let z = bias;
        for (const i of row.ids) z += w[i]!;
        const g = (row.y - sigmoid(z)) * row.w * rate;
        bias += g;
        for (const i of row.ids) w[i] = w[i]! + g;
      }
      for (let i = 0; i < w.length; i++) w[i] = w[i]! * decay;
    }
    // Tiny weights say nothing: drop them to keep the model small and scoring fast.
    const weights = new Map<string, number>();
    for (const [f, i] of index) if (Math.abs(w[i]!) >= 1e-3) weights.set(f, w[i]!);
    return new LogisticModel(weights, bias);
  }

  /** The probability (0 to 1) that an observation with these features is positive. */
  probability(features: Iterable<string>): number {
    let z = this.bias;
    const seen = new Set<string>();
    for (const f of features) {
      if (seen.has(f)) continue;
      seen.add(f);
      z += this.weights.get(f) ?? 0;
    }
    return sigmoid(z);
  }

  /** `probability` for features already without repeats (skips making them distinct: scoring is hot). */
  probabilityOfDistinct(features: readonly string[]): number {
    let z = this.bias;
    for (const f of features) z += this.weights.get(f) ?? 0;
    return sigmoid(z);
  }

  /** The sum of the positive weights of the features `which` keeps: how much of a "yes" they carry. */
  evidence(features: Iterable<string>, which: (feature: string) => boolean): number {
    let sum = 0;
    for (const f of new Set(features)) {
      const w = this.weights.get(f) ?? 0;
      if (w > 0 && which(f)) sum += w;
    }
    return sum;
  }

  /** The features that pushed an observation most towards "yes" (for explanations and debugging). */
  strongest(features: Iterable<string>, n = 5): { feature: string; weight: number }[] {
    return [...new Set(features)].map((f) => ({ feature: f, weight: this.weights.get(f) ?? 0 })).filter((x) => x.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, n);
  }

  get size(): number {
    return this.weights.size;
  }

  /** Several models side by side, scored in one pass over a sentence's features (see ModelBank). */
  static bank(models: readonly LogisticModel[]): ModelBank {
    const weights = new Map<string, Float64Array>();
    models.forEach((m, k) => {
      for (const [f, w] of m.weights) {
        let row = weights.get(f);
        if (!row) weights.set(f, (row = new Float64Array(models.length)));
        row[k] = w;
      }
    });
    return new ModelBank(weights, Float64Array.from(models, (m) => m.bias));
  }
}

/**
 * The models of one grid made into one table, once: each feature looks up every model's weight at
 * once, instead of once per model (a review scores every sentence with every model of its situation).
 */
export class ModelBank {
  constructor(private readonly weights: ReadonlyMap<string, Float64Array>, private readonly biases: Float64Array) {}

  /** Each model's log-odds (in the order given to `LogisticModel.bank`) for features without repeats, into `out`. */
  logOdds(features: readonly string[], out: Float64Array): Float64Array {
    out.set(this.biases);
    for (const f of features) {
      const row = this.weights.get(f);
      if (row) for (let k = 0; k < row.length; k++) out[k] = out[k]! + row[k]!;
    }
    return out;
  }
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
