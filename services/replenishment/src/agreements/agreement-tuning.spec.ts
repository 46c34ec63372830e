import { Agreement, AgreementVersion, TunableTerm } from '@smi/agreements';
import { agreement, buyer, line, partyKindOf, supplier } from './agreement-change.fixtures';
import { createAgreement } from './agreement-changes';
import { proposeChange } from './agreement-consent';
import { tunableProblems, tunedAlone } from './agreement-tuning';

const leadTime: TunableTerm = { by: 'supplier', term: 'leadTimeDays', min: 2, max: 10 };
const tunable = agreement({ tunableAlone: [leadTime] });
const withLine = (overrides: object, base: Agreement = tunable): Agreement => ({ ...base, lines: [{ ...line, ...overrides }] });

describe('the terms one party may tune alone', () => {
  it('are checked: a known party and numeric line term, finite bounds in order, each once', () => {
    expect(tunableProblems(tunable)).toEqual([]);
    expect(
      tunableProblems(
        agreement({
          tunableAlone: [
            { by: 'operator', term: 'currency', min: 5, max: 1 } as never,
            { by: 'buyer', term: 'maximum', min: 0, max: Infinity },
            leadTime,
            leadTime,
          ],
        }),
      ),
    ).toEqual([
      'A1: tunableAlone[0].by must be buyer or supplier',
      expect.stringMatching(/^A1: tunableAlone\[0\]\.term must be one of minimum, maximum/),
      'A1: tunableAlone[0].max must be >= min',
      'A1: tunableAlone[1].min and max must be finite numbers',
      'A1: tunableAlone[3] repeats leadTimeDays for the supplier',
    ]);
  });

  it('let their party change them within bounds, and nothing else', () => {
    expect(tunedAlone(tunable, withLine({ leadTimeDays: 7 }), supplier)).toBe(
      'set by the supplier alone, as the agreement allows: leadTimeDays of lyon x pad to 7 (agreed range 2..10)',
    );
    expect(tunedAlone(tunable, withLine({ leadTimeDays: 7 }), buyer)).toBeUndefined();
    expect(tunedAlone(tunable, withLine({ leadTimeDays: 11 }), supplier)).toBeUndefined();
    expect(tunedAlone(tunable, withLine({ leadTimeDays: 7, maximum: 500 }), supplier)).toBeUndefined();
    expect(tunedAlone(tunable, { ...withLine({ leadTimeDays: 7 }), tunableAlone: [{ ...leadTime, max: 99 }] }, supplier)).toBeUndefined();
    expect(tunedAlone(agreement(), withLine({ leadTimeDays: 7 }, agreement()), supplier)).toBeUndefined();
    expect(tunedAlone(tunable, tunable, supplier)).toBeUndefined();
  });

  it('take effect on proposal, recorded as proposed and accepted under the agreed rule; anything more waits for the other party', () => {
    const now = new Date('2026-03-10T12:00:00.000Z');
    const context = (history: AgreementVersion[]) => ({
      by: supplier,
      now,
      history,
      others: [],
      partyKindOf,
      proposalId: 'P2',
      pending: [],
    });
    const v1 = createAgreement({ agreement: tunable }, { ...context([]), by: buyer });
    if (v1.kind === 'refused') throw new Error(v1.problems.join('; '));
    const tuned = proposeChange(
      { change: 'amend', agreementId: 'A1', request: { agreement: withLine({ leadTimeDays: 5 }), changeReason: 'new carrier' } },
      context(v1.versions),
    );
    expect(tuned).toMatchObject({
      kind: 'recorded',
      versions: [{ version: 2, effectiveFrom: now.toISOString(), changedBy: 'northwind', agreement: { lines: [{ leadTimeDays: 5 }] } }],
      steps: [
        { step: 'proposed', proposal: { status: 'pending' } },
        { step: 'accepted', proposal: { status: 'accepted', decidedBy: 'northwind', acceptedVersion: 2 } },
      ],
    });
    const beyond = proposeChange(
      { change: 'amend', agreementId: 'A1', request: { agreement: withLine({ leadTimeDays: 30 }), changeReason: 'slow boat' } },
      context(v1.versions),
    );
    expect(beyond).toMatchObject({ kind: 'recorded', versions: [], steps: [{ step: 'proposed' }] });
  });
});
