import { Penalty } from '@smi/contracts';
import { Caller, decideDispute, Dispute, openDispute } from './penalty-dispute';

const penaltyId = 'AGR-1|v2|plant-1|coolant|2026-03|STOCKOUT_DAYS';
const penalty: Penalty = {
  eventId: `${penaltyId}/r1`,
  penaltyId,
  revision: 1,
  correctsEventId: null,
  agreementId: 'AGR-1',
  agreementVersion: 2,
  buyerId: 'acme',
  supplierId: 'northwind',
  siteId: 'plant-1',
  itemId: 'coolant',
  rule: 'STOCKOUT_DAYS',
  period: '2026-03',
  quantity: 3,
  rate: 50,
  amount: 150,
  difference: 150,
  currency: 'EUR',
  computedAt: new Date('2026-04-02T00:00:00Z'),
  explanation: '3 stockout days x 50.00 EUR = 150.00 EUR',
  evidence: [],
};
const supplier: Caller = { id: 'northwind', kind: 'supplier' };
const buyer: Caller = { id: 'acme', kind: 'buyer' };
const openedAt = new Date('2026-04-03T09:00:00Z');
const decidedAt = new Date('2026-04-05T16:30:00Z');

const open = (
  by: Caller,
  reason: unknown = 'the site refused our truck on the 10th',
  disputes: Dispute[] = [],
  latest: Penalty | null = penalty,
) => openDispute(latest ?? undefined, disputes, { kind: 'open', penaltyId, disputeId: 'D-1', by, at: openedAt, reason });

const opened = (): Dispute => {
  const outcome = open(supplier);
  if (outcome.kind !== 'taken') throw new Error(outcome.message);
  return outcome.dispute;
};

describe('penalty disputes', () => {
  it('lets the supplier open one over the latest revision, announced as OPENED with the amount disputed', () => {
    expect(open(supplier)).toEqual({
      kind: 'taken',
      dispute: expect.objectContaining({
        disputeId: 'D-1',
        penaltyEventId: `${penaltyId}/r1`,
        status: 'open',
        amount: 150,
        openedBy: 'northwind',
      }),
      event: {
        eventId: 'D-1/OPENED',
        disputeId: 'D-1',
        penaltyId,
        penaltyEventId: `${penaltyId}/r1`,
        agreementId: 'AGR-1',
        buyerId: 'acme',
        supplierId: 'northwind',
        step: 'OPENED',
        by: 'northwind',
        at: openedAt,
        reason: 'the site refused our truck on the 10th',
        amount: 150,
        currency: 'EUR',
      },
    });
  });

  it('refuses a dispute without a reason, from the buyer, over a cancelled penalty, and a second open one', () => {
    expect(open(supplier, null)).toMatchObject({ refusal: 'invalid', message: expect.stringContaining('reason') });
    expect(open(supplier, '   ')).toMatchObject({ refusal: 'invalid', message: expect.stringContaining('reason') });
    expect(open(buyer)).toMatchObject({ refusal: 'forbidden' });
    expect(open(supplier, 'x', [], { ...penalty, revision: 2, eventId: `${penaltyId}/r2`, amount: 0 })).toMatchObject({
      refusal: 'conflict',
    });
    expect(open(supplier, 'again', [opened()])).toMatchObject({ refusal: 'conflict', message: expect.stringContaining('D-1') });
  });

  it('answers a stranger and an operator as if the penalty did not exist', () => {
    expect(open({ id: 'other-supplier', kind: 'supplier' })).toMatchObject({
      refusal: 'unknown',
      message: `penalty ${penaltyId} not found`,
    });
    expect(open({ id: 'ops', kind: 'operator' })).toMatchObject({ refusal: 'unknown' });
    expect(open(supplier, 'x', [], null)).toMatchObject({ refusal: 'unknown' });
  });

  it('lets the buyer accept, crediting the amount disputed', () => {
    const outcome = decideDispute(opened(), { kind: 'accept', disputeId: 'D-1', by: buyer, at: decidedAt, reason: undefined });
    expect(outcome).toEqual({
      kind: 'taken',
      dispute: expect.objectContaining({ status: 'accepted', credited: 150, decidedBy: 'acme', decidedAt }),
      event: expect.objectContaining({ eventId: 'D-1/ACCEPTED', step: 'ACCEPTED', by: 'acme', amount: 150, at: decidedAt }),
    });
  });

  it('lets the buyer reject only with a reason; the penalty stands and nothing is credited', () => {
    const reject = (reason: unknown) => decideDispute(opened(), { kind: 'reject', disputeId: 'D-1', by: buyer, at: decidedAt, reason });
    expect(reject(undefined)).toMatchObject({ refusal: 'invalid', message: expect.stringContaining('reason') });
    expect(reject('our gate log shows no truck')).toEqual({
      kind: 'taken',
      dispute: expect.objectContaining({ status: 'rejected', credited: null, decisionReason: 'our gate log shows no truck' }),
      event: expect.objectContaining({ eventId: 'D-1/REJECTED', step: 'REJECTED', reason: 'our gate log shows no truck', amount: 150 }),
    });
  });

  it('refuses a decision by the supplier (403), by a stranger or an operator (404), and on a decided dispute (409)', () => {
    const decide = (by: Caller, dispute: Dispute = opened()) =>
      decideDispute(dispute, { kind: 'accept', disputeId: 'D-1', by, at: decidedAt, reason: 'ok' });
    expect(decide(supplier)).toMatchObject({ refusal: 'forbidden' });
    expect(decide({ id: 'other-buyer', kind: 'buyer' })).toMatchObject({ refusal: 'unknown', message: 'dispute D-1 not found' });
    expect(decide({ id: 'ops', kind: 'operator' })).toMatchObject({ refusal: 'unknown' });
    expect(decide(buyer, { ...opened(), status: 'rejected' })).toMatchObject({ refusal: 'conflict' });
  });

  it('lets a decided revision rest, but a correction be disputed anew', () => {
    const rejected: Dispute = { ...opened(), status: 'rejected' };
    expect(open(supplier, 'again', [rejected])).toMatchObject({
      refusal: 'conflict',
      message: expect.stringContaining('already disputed'),
    });
    const corrected = { ...penalty, revision: 2, eventId: `${penaltyId}/r2`, amount: 200 };
    expect(open(supplier, 'the fourth day was a count error', [rejected], corrected)).toMatchObject({
      kind: 'taken',
      dispute: { penaltyEventId: `${penaltyId}/r2`, amount: 200 },
    });
  });
});
