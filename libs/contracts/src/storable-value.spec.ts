import { unstorableField } from './storable-value';

describe('what no event carries', () => {
  it.each([
    [{ quantity: Number.NaN }, 'quantity is NaN'],
    [{ quantity: Number.POSITIVE_INFINITY }, 'quantity is Infinity'],
    [{ explanation: { steps: [{ value: 1e308 }] } }, 'explanation.steps[0].value is 1e+308, beyond 1e+21'],
    [{ siteId: 'plant\u0000' }, 'siteId holds a NUL or half of a surrogate pair'],
    [{ siteId: 'plant-\ud800' }, 'siteId holds a NUL or half of a surrogate pair'],
    [{ itemId: 'x'.repeat(10_001) }, 'itemId is 10001 characters, more than 10000'],
    [{ asOf: new Date(Number.NaN) }, 'asOf is not a valid time'],
  ])('refuses %j', (value, problem) => {
    expect(unstorableField(value)).toBe(problem);
  });

  it('takes what events carry: finite numbers, texts, times, a pair of surrogates, nulls and bytes', () => {
    expect(
      unstorableField({
        quantity: -1e9,
        orderValue: 8.5e12,
        siteId: 'Werk Köln 🏭',
        asOf: new Date(),
        orderReference: null,
        raw: Buffer.from([0]),
        lines: [{ q: 0.000001 }],
      }),
    ).toBeUndefined();
  });
});
