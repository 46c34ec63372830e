import { classifyDemand } from './demand-class';

describe('Syntetos-Boylan demand classes', () => {
  it('calls demand in every period of steady size smooth', () => {
    expect(classifyDemand([10, 12, 9, 11, 10, 8])?.demandClass).toBe('smooth');
  });

  it('calls demand in every period of wildly varying size erratic', () => {
    expect(classifyDemand([1, 40, 2, 1, 60, 3])?.demandClass).toBe('erratic');
  });

  it('calls rare demand of steady size intermittent', () => {
    const pattern = classifyDemand([0, 0, 5, 0, 0, 6, 0, 0, 5, 0, 0, 4]);
    expect(pattern?.demandClass).toBe('intermittent');
    expect(pattern?.averageInterDemandInterval).toBe(3);
  });

  it('calls rare demand of varying size lumpy', () => {
    expect(classifyDemand([0, 0, 1, 0, 0, 30, 0, 0, 2, 0, 0, 1])?.demandClass).toBe('lumpy');
  });

  it('puts the cut-offs on the side of the intermittent and variable classes (ADI 1.32, CV² 0.49)', () => {
    // 4 demands in 6 periods: ADI 1.5; sizes 1 and 3 alternate: mean 2, variance 1, CV² 0.25.
    expect(classifyDemand([1, 0, 3, 1, 0, 3])?.demandClass).toBe('intermittent');
  });

  it('gives no class without any demand', () => {
    expect(classifyDemand([0, 0, 0])).toBeUndefined();
    expect(classifyDemand([])).toBeUndefined();
  });
});
