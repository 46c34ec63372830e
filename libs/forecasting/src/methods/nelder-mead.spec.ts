import { nelderMead, type BatchObjective } from './nelder-mead';

const settings = { initialStep: 0.05, zeroStep: 1e-4, tolerance: 1e-12, maxIterations: 1000 };
const bowl = (point: Float64Array) => (point[0] - 0.3) ** 2 + 10 * (point[1] - 2) ** 2;

describe("Nelder-Mead as statsforecast's ETS runs it", () => {
  it('finds the bottom of a bowl from a start away from it', () => {
    const { point, value } = nelderMead(bowl, [0.5, 1], [-Infinity, -Infinity], [Infinity, Infinity], settings);
    expect(point[0]).toBeCloseTo(0.3, 4);
    expect(point[1]).toBeCloseTo(2, 4);
    expect(value).toBeLessThan(1e-8);
  });

  it('keeps every point in the box: a bottom outside it is found on the edge', () => {
    const { point } = nelderMead(bowl, [0.5, 1], [0.4, -Infinity], [0.9, 1.5], settings);
    expect(point[0]).toBeCloseTo(0.4, 12);
    expect(point[1]).toBeCloseTo(1.5, 12);
  });

  it('stops as soon as the values spread less than the tolerance, and counts that iteration', () => {
    const flat = () => 1;
    expect(nelderMead(flat, [0.5, 1], [0, 0], [1, 2], settings).iterations).toBe(1);
  });

  it('gives the same answer valued one by one or in batches', () => {
    const batch: BatchObjective = (points, count, values) => {
      for (let i = 0; i < count; i++) values[i] = bowl(points[i]);
    };
    const alone = nelderMead(bowl, [0.5, 1], [0, 0], [1, 3], settings);
    const batched = nelderMead(bowl, [0.5, 1], [0, 0], [1, 3], settings, batch);
    expect(Array.from(batched.point)).toEqual(Array.from(alone.point));
    expect(batched.iterations).toBe(alone.iterations);
  });
});
