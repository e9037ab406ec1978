// Scenario rotation per channel: a shuffled order, no repeats until all were used, then a new shuffle
// that does not start with the scenario just played. When the set of scenarios in play changes (content
// edited, or an admin's `/coach scenarios off|on`), the order is mended rather than reshuffled, so what
// was already played this round is not played again before the rest.
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

/**
 * The scenario ids in play in a channel: `all` (the library's order) without those in `off` (the
 * channel's ChannelData.scenariosOff; absent or empty: all). Never empty while `all` is not: a set that
 * turns every scenario off (only a hand-edited file can) is ignored rather than stopping the challenges.
 */
export function scenariosInPlay(all: readonly string[], off: readonly string[] | undefined): string[] {
  if (!Array.isArray(off) || off.length === 0) return [...all];
  const out = new Set(off);
  const left = all.filter((id) => !out.has(id));
  return left.length > 0 ? left : [...all];
}

/**
 * Takes the next scenario id among `scenarioIds` (non-empty), mutating the rotation. Ids no longer in
 * play leave the order; ids new to it join the part not played yet, at random places; when the order is
 * used up, a new shuffle starts (not with the scenario just played).
 */
export function takeNext(rotation: Rotation, scenarioIds: readonly string[], random: () => number = Math.random): string {
  const previous = rotation.order[rotation.next - 1];
  mend(rotation, scenarioIds, random);
  if (rotation.next >= rotation.order.length) {
    let order = shuffle(scenarioIds, random);
    if (order.length > 1 && order[0] === previous) order = [...order.slice(1), order[0]!];
    rotation.order = order;
    rotation.next = 0;
  }
  return rotation.order[rotation.next++]!;
}

/** Brings the order in line with `scenarioIds`, keeping the played part played; an order with nothing usable is emptied. */
function mend(rotation: Rotation, scenarioIds: readonly string[], random: () => number): void {
  const known = new Set(scenarioIds);
  const seen = new Set<string>();
  const keep = (id: string): boolean => known.has(id) && !seen.has(id) && Boolean(seen.add(id));
  const next = Number.isInteger(rotation.next) && rotation.next >= 0 ? rotation.next : 0;
  const order = Array.isArray(rotation.order) ? rotation.order : [];
  const played = order.slice(0, next).filter(keep);
  const remaining = order.slice(next).filter(keep);
  if (played.length + remaining.length === 0) {
    rotation.order = [];
    rotation.next = 0;
    return;
  }
  const unchanged = played.length + remaining.length === order.length && order.length === scenarioIds.length && next <= order.length;
  if (unchanged) return;
  for (const id of scenarioIds) {
    if (seen.has(id)) continue;
    remaining.splice(Math.floor(random() * (remaining.length + 1)), 0, id);
  }
  rotation.order = [...played, ...remaining];
  rotation.next = played.length;
}
