// Scenario rotation per channel: a shuffled order, no repeats until all were used, then a new shuffle
// that does not start with the scenario just played.
export interface Rotation {
  order: string[];
  next: number;
}

export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Takes the next scenario id, mutating the rotation; reshuffles when the order is used up or stale. */
export function takeNext(rotation: Rotation, scenarioIds: readonly string[], random: () => number = Math.random): string {
  const known = new Set(scenarioIds);
  const stale = rotation.order.length !== scenarioIds.length || rotation.order.some((id) => !known.has(id));
  if (stale || rotation.next >= rotation.order.length) {
    const previous = rotation.order[rotation.next - 1];
    let order = shuffle(scenarioIds, random);
    if (order.length > 1 && order[0] === previous) order = [...order.slice(1), order[0]!];
    rotation.order = order;
    rotation.next = 0;
  }
  return rotation.order[rotation.next++]!;
}
