/**
 * A seeded pseudo-random generator: xoshiro128** seeded through splitmix32, so the same seed
 * gives the same stream on every platform. Doubles carry 53 random bits.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The second Box–Muller variate, kept for the next `normal()` call. */
  private spare = NaN;

  constructor(readonly seed: number = 0) {
    if (typeof seed !== "number" || !Number.isFinite(seed)) {
      throw new Error(`a seed must be a finite number, got ${String(seed)}`);
    }
    // NB: hash both 32-bit halves (and the fraction) so seeds like 1 and 2**32 + 1 differ.
    let h = splitmix32((seed >>> 0) ^ 0x9e3779b9);
    h = splitmix32(h ^ Math.floor(seed / 4294967296));
    h = splitmix32(h ^ Math.round((seed - Math.floor(seed)) * 4294967296));
    this.s0 = h = splitmix32(h);
    this.s1 = h = splitmix32(h);
    this.s2 = h = splitmix32(h);
    this.s3 = splitmix32(h);
  }

  /** A uniform unsigned 32-bit integer. */
  uint32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    return ((this.uint32() >>> 5) * 67108864 + (this.uint32() >>> 6)) / 9007199254740992;
  }

  /** A uniform double in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** A normal variate (Box–Muller). */
  normal(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return mean + std * z;
    }
    const u = 1 - this.next(); // NB: (0, 1], so log(u) is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const t = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(t);
    return mean + std * r * Math.cos(t);
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `a` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}

/** A seeded generator; see `Rng`. */
export function rng(seed = 0): Rng {
  return new Rng(seed);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
