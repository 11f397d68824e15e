// A small seeded pseudo-random generator (mulberry32) with the draws the demo generator
// needs. Each part of the province gets its own stream derived from the seed and a label,
// so the output does not depend on how much randomness other parts consumed.

function hashLabel(seed: number, label: string): number {
  // FNV-1a over the label, mixed with the seed.
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < label.length; index++) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export class Random {
  private state: number;

  constructor(
    readonly seed: number,
    label = '',
  ) {
    this.state = hashLabel(seed, label);
  }

  /** An independent stream for a named part (e.g. "chunk:12"). */
  fork(label: string): Random {
    return new Random(this.seed, `${this.state}:${label}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: entries are [value, weight]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.next() * total;
    for (const [value, weight] of entries) {
      draw -= weight;
      if (draw < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Approximately normal (sum of uniforms), clipped to [min, max]. */
  normal(mean: number, deviation: number, min = -Infinity, max = Infinity): number {
    const sum = this.next() + this.next() + this.next() + this.next() - 2;
    return Math.min(max, Math.max(min, mean + sum * deviation * 1.732));
  }

  /** A new array with the items in random order. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
    return copy;
  }

  /** Up to `count` distinct items. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}
