/**
 * A seeded pseudo-random number generator (xoshiro128**, seeded through
 * splitmix32): the same seed gives the same numbers on every machine, so a
 * bootstrap or a simulation answers the same question the same way twice.
 * Not for anything secret.
 */

// Math's functions held once: inside a vm context (jest) every global lookup is a slow call.
const { imul, floor, sqrt, log, cos, PI } = Math;

export class SeededRandom {
  private readonly state = new Uint32Array(4);

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number (got ${seed})`);
    // splitmix32 spreads any seed, 0 included, over the whole state: xoshiro must not start all-zero.
    let s = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = imul(z ^ (z >>> 16), 0x85ebca6b);
      z = imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const s = this.state;
    const result = imul(rotl(imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result / 4294967296;
  }

  /** A whole number in [0, n). */
  below(n: number): number {
    return floor(this.next() * n);
  }

  /** A standard normal number (Box-Muller). */
  normal(): number {
    return sqrt(-2 * log(1 - this.next())) * cos(2 * PI * this.next());
  }

  /** A Gamma(shape, 1) number by Marsaglia & Tsang (2000); below shape 1 by their boost U^(1/shape). */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new RangeError(`shape must be above 0 (got ${shape})`);
    if (shape < 1) return this.gamma(shape + 1) * (1 - this.next()) ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v ** 3;
      const u = this.next();
      if (u < 1 - 0.0331 * x ** 4 || log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
    }
  }

  /** A Beta(a, b) number, from two gamma numbers. */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
