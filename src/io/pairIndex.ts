/**
 * Numbers keyed by a pair of small non-negative integers, in one typed array: pass 1 counts a record
 * into its group by (location, attributes and 户主 or not) with one lookup in a table of three
 * 32-bit words a slot, instead of a walk through several objects, each a cache miss on a registry
 * not sorted by village.
 */
export class PairIndex {
  /** Per slot: the first of the pair + 1 (0: empty), the second, the value. */
  private slots: Int32Array;
  private count = 0;

  /** `slots`: how many to start with, a power of two (a test starts small, to grow the table often). */
  constructor(slots = 1024) {
    this.slots = new Int32Array(3 * slots);
  }

  get size(): number {
    return this.count;
  }

  /** The pair's value, or -1. */
  get(first: number, second: number): number {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let slot = pairHash(first, second) & mask; slots[3 * slot] !== 0; slot = (slot + 1) & mask)
      if (slots[3 * slot] === first + 1 && slots[3 * slot + 1] === second) return slots[3 * slot + 2]!;
    return -1;
  }

  /** Sets the pair's value (a non-negative integer below 2³¹). */
  set(first: number, second: number, value: number): void {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let slot = pairHash(first, second) & mask;
    for (; slots[3 * slot] !== 0; slot = (slot + 1) & mask) {
      if (slots[3 * slot] === first + 1 && slots[3 * slot + 1] === second) {
        slots[3 * slot + 2] = value;
        return;
      }
    }
    slots[3 * slot] = first + 1;
    slots[3 * slot + 1] = second;
    slots[3 * slot + 2] = value;
    if (2 * ++this.count > slots.length / 3) this.grow();
  }

  /** Twice the slots, every pair placed again. */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = slots.length / 3 - 1;
    for (let from = 0; from < old.length; from += 3) {
      if (old[from] === 0) continue;
      let slot = pairHash(old[from]! - 1, old[from + 1]!) & mask;
      while (slots[3 * slot] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(from, from + 3), 3 * slot);
    }
    this.slots = slots;
  }
}

/** A 32-bit hash of the pair (murmur3's finaliser over both). */
function pairHash(first: number, second: number): number {
  let hash = Math.imul(first, 0x9e3779b1) ^ second;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
