import { AgreementVersion } from '@smi/agreements';
import { AvroCodec, ManifestSchemaRegistry, topics } from '@smi/contracts';
import { Caller } from './agreement-access';
import { agreement, buyer, line, operator, outsider, partyKindOf, supplier } from './agreement-change.fixtures';
import { ChangeContext } from './agreement-changes';
import {
  AgreementProposal,
  awaitingOf,
  Consent,
  decideProposal,
  ProposalAsk,
  ProposalDecision,
  proposalStepEvent,
  proposeChange,
  proposeImport,
} from './agreement-consent';

const proposedAt = new Date('2026-03-10T12:00:00.000Z');
const acceptedAt = new Date('2026-03-12T09:30:00.000Z');
const context = (by: Caller, now: Date, history: AgreementVersion[] = [], others: AgreementVersion[] = []): ChangeContext => ({
  by,
  now,
  history,
  others,
  partyKindOf,
});

const recorded = (consent: Consent) => {
  if (consent.kind === 'refused') throw new Error(`refused ${consent.status}: ${consent.problems.join('; ')}`);
  return consent;
};
const propose = (ask: ProposalAsk, by: Caller, history: AgreementVersion[] = [], pending: AgreementProposal[] = []) =>
  proposeChange(ask, { ...context(by, proposedAt, history), proposalId: 'P1', pending });
const proposed = (ask: ProposalAsk, by: Caller, history: AgreementVersion[] = []) => recorded(propose(ask, by, history)).steps[0].proposal;
const decide = (proposal: AgreementProposal, decision: ProposalDecision, by: Caller, history: AgreementVersion[] = [], now = acceptedAt) =>
  decideProposal(proposal.proposalId, proposal, decision, context(by, now, history));

/** Version 1 as both parties agreed it in February, for the amendments below. */
const agreedV1 = (): AgreementVersion[] => {
  const asked = proposeChange(
    { change: 'create', request: { agreement: agreement() } },
    { ...context(supplier, new Date('2026-02-01T08:00:00.000Z')), proposalId: 'P0', pending: [] },
  );
  return recorded(decide(recorded(asked).steps[0].proposal, { kind: 'accept' }, buyer, [], new Date('2026-02-02T08:00:00.000Z'))).versions;
};

describe('proposing a change to an agreement', () => {
  it('records a pending proposal and no version: nothing takes effect on one side alone', () => {
    const consent = recorded(propose({ change: 'create', request: { agreement: agreement(), changeReason: 'signed' } }, supplier));
    expect(consent.versions).toEqual([]);
    expect(consent.steps).toEqual([
      {
        step: 'proposed',
        proposal: {
          proposalId: 'P1',
          agreementId: 'A1',
          change: 'create',
          agreement: agreement(),
          reason: 'signed',
          baseVersion: 0,
          proposedBy: 'northwind',
          proposedAt: proposedAt.toISOString(),
          status: 'pending',
        },
      },
    ]);
    expect(awaitingOf(consent.steps[0].proposal)).toBe('acme');
  });

  it('refuses at once what could never take effect: unknown parties, a past effectiveFrom, invalid terms', () => {
    expect(propose({ change: 'create', request: { agreement: agreement({ supplierId: 'nobody' }) } }, buyer)).toEqual({
      kind: 'refused',
      status: 400,
      problems: ['A1: supplierId must name a supplier known to the platform'],
    });
    const v1 = agreedV1();
    const backdated = propose(
      {
        change: 'amend',
        agreementId: 'A1',
        request: { agreement: agreement(), changeReason: 'no penalty', effectiveFrom: '2026-01-01T00:00:00.000Z' },
      },
      supplier,
      v1,
    );
    expect(backdated).toMatchObject({ kind: 'refused', status: 400 });
    expect((backdated as { problems: string[] }).problems[0]).toMatch(/effectiveFrom must not be in the past/);
  });

  it('is for the two parties only: an operator cannot propose on their behalf, an outsider finds nothing', () => {
    expect(propose({ change: 'create', request: { agreement: agreement() } }, operator)).toMatchObject({ kind: 'refused', status: 403 });
    const v1 = agreedV1();
    expect(propose({ change: 'retire', agreementId: 'A1', request: { reason: 'mine' } }, outsider, v1)).toEqual({
      kind: 'refused',
      status: 404,
      problems: ['agreement A1 is not known'],
    });
  });

  it('allows one pending proposal per agreement; another pair proposing the same new id learns only that the id is taken', () => {
    const first = proposed({ change: 'create', request: { agreement: agreement() } }, supplier);
    expect(propose({ change: 'create', request: { agreement: agreement() } }, buyer, [], [first])).toEqual({
      kind: 'refused',
      status: 409,
      problems: ['agreement A1 already has a pending proposal P1: it must be accepted, rejected or withdrawn first'],
    });
    const theirs = agreement({ supplierId: 'fabrikam', lines: [{ ...line, itemId: 'bolt' }] });
    expect(propose({ change: 'create', request: { agreement: theirs } }, outsider, [], [first])).toEqual({
      kind: 'refused',
      status: 409,
      problems: ['agreement id A1 is already taken; choose another'],
    });
  });
});

describe('deciding on a proposal', () => {
  const creation = () => proposed({ change: 'create', request: { agreement: agreement(), changeReason: 'signed' } }, supplier);

  it('makes version 1 on acceptance by the other party, effective from the acceptance when the first valid day has passed', () => {
    const consent = recorded(decide(creation(), { kind: 'accept', reason: 'agreed' }, buyer));
    expect(consent.versions).toEqual([
      {
        agreement: agreement(),
        version: 1,
        effectiveFrom: acceptedAt.toISOString(),
        status: 'active',
        changedBy: 'northwind',
        changedAt: acceptedAt.toISOString(),
        changeReason: 'signed',
      },
    ]);
    expect(consent.steps).toEqual([
      {
        step: 'accepted',
        proposal: {
          ...creation(),
          status: 'accepted',
          decidedBy: 'acme',
          decidedAt: acceptedAt.toISOString(),
          decisionReason: 'agreed',
          acceptedVersion: 1,
        },
        version: consent.versions[0],
      },
    ]);
  });

  it('lets neither the proposer accept its own, nor an operator decide, nor an outsider see it', () => {
    expect(decide(creation(), { kind: 'accept' }, supplier)).toMatchObject({ kind: 'refused', status: 403 });
    expect(decide(creation(), { kind: 'reject', reason: 'mine' }, supplier)).toMatchObject({ kind: 'refused', status: 403 });
    expect(decide(creation(), { kind: 'accept' }, operator)).toMatchObject({ kind: 'refused', status: 403 });
    expect(decide(creation(), { kind: 'accept' }, outsider)).toEqual({
      kind: 'refused',
      status: 404,
      problems: ['proposal P1 is not known'],
    });
    expect(decide(creation(), { kind: 'withdraw', reason: 'not yours' }, buyer)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('rejects or withdraws with a reason and records no version; a decided proposal is decided for good', () => {
    const rejected = recorded(decide(creation(), { kind: 'reject', reason: 'penalty too low' }, buyer));
    expect(rejected.versions).toEqual([]);
    expect(rejected.steps[0]).toMatchObject({
      step: 'rejected',
      proposal: { status: 'rejected', decidedBy: 'acme', decisionReason: 'penalty too low' },
    });
    const withdrawn = recorded(decide(creation(), { kind: 'withdraw', reason: 'typo' }, supplier));
    expect(withdrawn.steps[0]).toMatchObject({ step: 'withdrawn', proposal: { status: 'withdrawn', decidedBy: 'northwind' } });
    expect(decide(rejected.steps[0].proposal, { kind: 'accept' }, buyer)).toEqual({
      kind: 'refused',
      status: 409,
      problems: ['proposal P1 was already rejected'],
    });
  });

  it('never lets a version take effect before its acceptance: a requested moment passed meanwhile gives way to the acceptance', () => {
    const v1 = agreedV1();
    const amendment = proposed(
      {
        change: 'amend',
        agreementId: 'A1',
        request: {
          agreement: agreement({ lines: [{ ...line, maximum: 150 }] }),
          changeReason: 'more room',
          effectiveFrom: '2026-03-11T00:00:00.000Z',
        },
      },
      buyer,
      v1,
    );
    expect(amendment).toMatchObject({ change: 'amend', baseVersion: 1, effectiveFrom: '2026-03-11T00:00:00.000Z' });
    const late = recorded(decide(amendment, { kind: 'accept' }, supplier, v1));
    expect(late.versions[0]).toMatchObject({ version: 2, effectiveFrom: acceptedAt.toISOString(), changedBy: 'acme' });
    const early = recorded(decide(amendment, { kind: 'accept' }, supplier, v1, new Date('2026-03-10T18:00:00.000Z')));
    expect(early.versions[0].effectiveFrom).toBe('2026-03-11T00:00:00.000Z');
  });

  it('refuses to apply a proposal made on a version that has since been superseded', () => {
    const v1 = agreedV1();
    const retirement = proposed({ change: 'retire', agreementId: 'A1', request: { reason: 'plant closes' } }, buyer, v1);
    const v2: AgreementVersion = { ...v1[0], version: 2, changeReason: 'other change' };
    const stale = decide(retirement, { kind: 'accept' }, supplier, [...v1, v2]);
    expect(stale).toMatchObject({ kind: 'refused', status: 409 });
    expect((stale as { problems: string[] }).problems).toContain(
      'agreement A1 is at version 2, not the expected 1: read it again and reapply the change',
    );
    const retired = recorded(decide(retirement, { kind: 'accept' }, supplier, v1));
    expect(retired.versions[0]).toMatchObject({ version: 2, status: 'retired', changeReason: 'plant closes' });
  });
});

describe('importing by a party', () => {
  it('proposes each new or changed agreement and leaves identical ones; an operator may not import', () => {
    const v1 = agreedV1();
    let n = 0;
    const importContext = {
      ...context(supplier, proposedAt),
      historyOf: (id: string) => (id === 'A1' ? v1 : []),
      proposalIds: () => `P${++n}`,
      pending: [],
    };
    const fresh = agreement({ agreementId: 'A2', lines: [{ ...line, itemId: 'filter' }] });
    const consent = proposeImport({ agreements: [agreement(), fresh] }, importContext);
    expect(consent).toMatchObject({ kind: 'recorded', versions: [], unchanged: ['A1'] });
    expect(recorded(consent).steps.map((s) => [s.proposal.proposalId, s.proposal.agreementId, s.proposal.change])).toEqual([
      ['P1', 'A2', 'create'],
    ]);
    expect(proposeImport({ agreements: [fresh] }, { ...importContext, by: operator })).toMatchObject({ status: 403 });
  });
});

describe('proposal events', () => {
  it('say who took each step, when and why, with the terms, and fit the AgreementProposal schema', async () => {
    const proposal = proposed({ change: 'create', request: { agreement: agreement(), changeReason: 'signed' } }, supplier);
    const accepted = recorded(decide(proposal, { kind: 'accept', reason: 'agreed' }, buyer)).steps[0];
    const event = proposalStepEvent(accepted);
    expect(event).toMatchObject({
      eventId: 'P1/accepted',
      step: 'ACCEPTED',
      change: 'CREATE',
      by: 'acme',
      at: acceptedAt,
      reason: 'agreed',
      proposedBy: 'northwind',
      proposalReason: 'signed',
      awaiting: null,
      acceptedVersion: 1,
      effectiveFrom: acceptedAt,
      agreementId: 'A1',
      buyerId: 'acme',
      supplierId: 'northwind',
    });
    expect(proposalStepEvent({ step: 'proposed', proposal })).toMatchObject({ eventId: 'P1/proposed', by: 'northwind', awaiting: 'acme' });
    const codec = new AvroCodec(new ManifestSchemaRegistry());
    expect(await codec.decode(topics.agreementProposals, await codec.encode(topics.agreementProposals, event))).toEqual(event);
  });
});
