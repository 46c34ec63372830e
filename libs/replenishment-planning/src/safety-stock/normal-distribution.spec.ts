import fc from 'fast-check';
import { inverseNormalCdf, inverseNormalLoss, normalCdf, normalLoss, normalPdf } from './normal-distribution';

// Reference values below were computed with mpmath at 40 significant digits
// (ncdf, npdf; G(k) = φ(k) − k·(1 − Φ(k))) and rounded to 16.
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('standard normal distribution', () => {
  it('gives the textbook density at 0 and 1', () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
    expect(normalPdf(1)).toBeCloseTo(0.2419707245191434, 15);
  });

  it.each([
    [-10, 7.619853024160525e-24],
    [-6, 9.865876450376981e-10],
    [-3, 0.001349898031630095],
    [-1, 0.158655253931457],
    [0, 0.5],
    [1, 0.841344746068543],
    [2, 0.9772498680518208],
    [3, 0.9986501019683699],
  ])('Φ(%p) = %p, also deep in the lower tail', (x, expected) => {
    expect(relativeError(normalCdf(x), expected)).toBeLessThan(1e-13);
  });

  it.each([
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514726],
    [0.975, 1.959963984540054],
    [0.99, 2.326347874040841],
    [0.999, 3.0902323061678136],
    [0.001, -3.0902323061678136],
    [1e-6, -4.753424308822899],
  ])('Φ⁻¹(%p) = %p (z for a cycle service level)', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThan(1e-9);
  });

  it('round-trips Φ(Φ⁻¹(p)) = p to 1e-12 relative over the whole range', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const back = normalCdf(inverseNormalCdf(p));
        // Near 1, p itself carries only about 1e-16 absolute precision.
        return Math.abs(back - p) <= 1e-12 * Math.min(p, 1 - p) + 1e-16;
      }),
    );
  });

  it('refuses a probability of 0 or 1, naming it', () => {
    expect(() => inverseNormalCdf(1)).toThrow('probability must be between 0 and 1 exclusive (got 1)');
    expect(() => inverseNormalCdf(0)).toThrow('(got 0)');
  });

  describe('loss function G(k)', () => {
    // Silver, Pyke & Thomas, Inventory and Production Management in Supply Chains, 4th ed.,
    // table of the standard normal loss function G_u(k): G(0) = 0.3989, G(1) = 0.0833, G(2) = 0.0085 (4 decimals).
    it.each([
      [0, 0.3989],
      [1, 0.0833],
      [2, 0.0085],
    ])('Silver, Pyke & Thomas 4th ed. table: G(%p) = %p to the table’s 4 decimals', (k, tabled) => {
      expect(Math.abs(normalLoss(k) - tabled)).toBeLessThanOrEqual(0.00005);
    });

    it.each([
      [-1, 1.0833154705876864],
      [0.5, 0.19779655740130603],
      [1, 0.0833154705876863],
      [2, 0.00849070261682964],
      [3, 0.0003821543170477236],
      [5, 5.346165533832815e-8],
    ])('G(%p) = %p to 1e-12 relative', (k, expected) => {
      expect(relativeError(normalLoss(k), expected)).toBeLessThan(1e-12);
    });

    it('satisfies G(−k) = G(k) + k: the shortage below the mean counts in full', () => {
      fc.assert(fc.property(fc.double({ min: 0, max: 8, noNaN: true }), (k) => Math.abs(normalLoss(-k) - normalLoss(k) - k) < 1e-12));
    });

    it('is inverted to 1e-12 relative, from tiny to large losses', () => {
      for (const loss of [1e-12, 1e-6, 0.0085, 0.0833, 0.3989, 1, 5, 100]) {
        expect(relativeError(normalLoss(inverseNormalLoss(loss)), loss)).toBeLessThan(1e-12);
      }
      expect(inverseNormalLoss(0.0833)).toBeCloseTo(1, 3);
    });

    it('refuses a loss of 0 or less, naming it', () => {
      expect(() => inverseNormalLoss(0)).toThrow('loss must be a finite number above 0 (got 0)');
    });
  });

  describe('Chopra & Meindl, Supply Chain Management, 6th ed., ch. 12 "Managing Uncertainty in a Supply Chain: Safety Inventory"', () => {
    // Weekly demand N(2,500, 500), lead time 2 weeks, order 10,000 when 6,000 are left (Example 12-1's policy):
    // σL = √2 · 500 = 707, safety inventory = 6,000 − 5,000 = 1,000.
    const sigmaL = Math.sqrt(2) * 500;

    it('cycle service level of that policy: Φ(1,000 / 707) = 0.92', () => {
      expect(normalCdf(1000 / sigmaL)).toBeCloseTo(0.92, 2);
    });

    it('fill rate of that policy: ESC = σL·G(1,000 / 707) = 25.13, fill rate = 1 − 25.13 / 10,000 = 0.9975', () => {
      const esc = sigmaL * normalLoss(1000 / sigmaL);
      expect(esc).toBeCloseTo(25.13, 2);
      expect(1 - esc / 10_000).toBeCloseTo(0.9975, 4);
    });
  });
});
