import { AgreementVersion } from '@smi/agreements';
import { Caller } from './agreement-access';
import { agreement, buyer, line, operator, outsider, partyKindOf, supplier } from './agreement-change.fixtures';
import { amendAgreement, Change, ChangeContext, createAgreement, importAgreements, retireAgreement } from './agreement-changes';

const now = new Date('2026-03-10T12:00:00.000Z');
const context = (by: Caller, history: AgreementVersion[] = [], others: AgreementVersion[] = []): ChangeContext => ({
  by,
  now,
  history,
  others,
  partyKindOf,
});

const versions = (change: Change) => {
  if (change.kind === 'refused') throw new Error(`refused ${change.status}: ${change.problems.join('; ')}`);
  return change.versions;
};
const created = versions(createAgreement({ agreement: agreement() }, context(supplier)));

describe('creating an agreement', () => {
  it('makes version 1, effective from now when its first valid day has passed (never earlier), saying who created it', () => {
    expect(created).toEqual([
      {
        agreement: agreement(),
        version: 1,
        effectiveFrom: now.toISOString(),
        status: 'active',
        changedBy: 'northwind',
        changedAt: now.toISOString(),
        changeReason: 'created',
      },
    ]);
  });

  it('takes effect from its first valid day when that is still to come, or from a later moment asked', () => {
    const nextYear = agreement({ validFrom: '2027-01-01', validTo: '2027-12-31' });
    expect(versions(createAgreement({ agreement: nextYear }, context(supplier)))[0].effectiveFrom).toBe('2027-01-01T00:00:00.000Z');
    const asked = '2026-04-01T00:00:00.000Z';
    expect(versions(createAgreement({ agreement: agreement(), effectiveFrom: asked }, context(supplier)))[0].effectiveFrom).toBe(asked);
  });

  it('refuses an effectiveFrom in the past: no agreement governs before it was agreed', () => {
    expect(createAgreement({ agreement: agreement(), effectiveFrom: '2026-01-01T00:00:00.000Z' }, context(supplier))).toEqual({
      kind: 'refused',
      status: 400,
      problems: [
        'A1: effectiveFrom must not be in the past: a change governs from its acceptance at the earliest (now 2026-03-10T12:00:00.000Z, got 2026-01-01T00:00:00.000Z)',
      ],
    });
  });

  it('binds only parties the platform knows, each in its role, naming the field', () => {
    expect(createAgreement({ agreement: agreement({ supplierId: 'ghost' }) }, context(buyer))).toEqual({
      kind: 'refused',
      status: 400,
      problems: ['A1: supplierId must name a supplier known to the platform'],
    });
    expect(createAgreement({ agreement: agreement({ buyerId: 'fabrikam' }) }, context(supplier))).toMatchObject({
      status: 400,
      problems: ['A1: buyerId must name a buyer known to the platform'],
    });
  });

  it('refuses an invalid agreement with every problem, before anything else', () => {
    expect(createAgreement({ agreement: agreement({ lines: [{ ...line, maximum: 5, packMultiple: 0 }] }) }, context(outsider))).toEqual({
      kind: 'refused',
      status: 400,
      problems: [
        'A1: lines[0].maximum must be >= minimum',
        'A1: lines[0].packMultiple must be at least 0.000001, the smallest quantity kept',
      ],
    });
  });

  it('is for the parties it names and operators only', () => {
    expect(createAgreement({ agreement: agreement() }, context(outsider))).toMatchObject({
      status: 403,
      problems: ['fabrikam may only create agreements it is a side of'],
    });
    expect(createAgreement({ agreement: agreement() }, context(operator)).kind).toBe('recorded');
  });

  it('refuses an id already taken, and a line another agreement of the buyer already covers', () => {
    expect(createAgreement({ agreement: agreement() }, context(supplier, created))).toMatchObject({ status: 409 });
    // Another pair's agreement under that id: the caller learns the id is taken, not its version or parties.
    expect(createAgreement({ agreement: agreement({ supplierId: 'fabrikam' }) }, context(outsider, created))).toEqual({
      kind: 'refused',
      status: 409,
      problems: ['agreement id A1 is already taken; choose another'],
    });
    const rival = agreement({ agreementId: 'A2', supplierId: 'fabrikam' });
    expect(createAgreement({ agreement: rival }, context(outsider, [], created))).toEqual({
      kind: 'refused',
      status: 400,
      problems: ['A2: lines[0] (site lyon x item pad) overlaps agreement A1 (version 1, in force 2026-03-10 to 2026-12-31)'],
    });
  });
});

describe('amending an agreement', () => {
  const higher = agreement({ lines: [{ ...line, minimum: 60, maximum: 150 }] });

  it('makes the next version with who, when and why, effective now unless asked otherwise', () => {
    const [v2] = versions(amendAgreement('A1', { agreement: higher, changeReason: 'new press line' }, context(buyer, created)));
    expect(v2).toEqual({
      agreement: higher,
      version: 2,
      effectiveFrom: now.toISOString(),
      status: 'active',
      changedBy: 'acme',
      changedAt: now.toISOString(),
      changeReason: 'new press line',
    });
    const [later] = versions(
      amendAgreement(
        'A1',
        { agreement: higher, changeReason: 'from July', effectiveFrom: '2026-07-01T00:00:00.000Z' },
        context(buyer, created),
      ),
    );
    expect(later.effectiveFrom).toBe('2026-07-01T00:00:00.000Z');
  });

  it('refuses to take effect in the past, so the terms once in force stay what they were', () => {
    const backdated = amendAgreement(
      'A1',
      {
        agreement: agreement({ penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 0 } }),
        changeReason: 'r',
        effectiveFrom: '2026-03-01',
      },
      context(supplier, created),
    );
    expect(backdated).toMatchObject({ kind: 'refused', status: 400 });
    expect(retireAgreement('A1', { reason: 'r', effectiveFrom: '2026-03-10T11:59:59.000Z' }, context(supplier, created))).toMatchObject({
      kind: 'refused',
      status: 400,
    });
  });

  it('takes effect no earlier than the version it replaces', () => {
    const future = [{ ...created[0], effectiveFrom: '2026-05-01T00:00:00.000Z' }];
    expect(versions(amendAgreement('A1', { agreement: higher, changeReason: 'r' }, context(buyer, future)))[0].effectiveFrom).toBe(
      '2026-05-01T00:00:00.000Z',
    );
    expect(
      amendAgreement('A1', { agreement: higher, changeReason: 'r', effectiveFrom: '2026-04-01T00:00:00.000Z' }, context(buyer, future)),
    ).toEqual({
      kind: 'refused',
      status: 400,
      problems: ["A1: effectiveFrom must not be before version 1's effectiveFrom 2026-05-01T00:00:00.000Z (got 2026-04-01T00:00:00.000Z)"],
    });
  });

  it('wants a reason, the same parties and the same id', () => {
    expect(amendAgreement('A1', { agreement: agreement({ agreementId: 'A9', supplierId: 'fabrikam' }) }, context(buyer, created))).toEqual({
      kind: 'refused',
      status: 400,
      problems: [
        'agreementId must be A1, the agreement amended (got A9)',
        'A1: changeReason is required: say why the agreement changes',
        'A1: supplierId cannot change (it is northwind); retire this agreement and create another',
      ],
    });
  });

  it('refuses an unknown agreement, an outsider, a stale expected version and a retired agreement', () => {
    expect(amendAgreement('A7', { agreement: higher, changeReason: 'r' }, context(buyer))).toMatchObject({
      status: 404,
      problems: ['agreement A7 is not known'],
    });
    // An outsider is told the same as for an agreement that does not exist.
    expect(amendAgreement('A1', { agreement: higher, changeReason: 'r' }, context(outsider, created))).toEqual(
      amendAgreement('A1', { agreement: higher, changeReason: 'r' }, context(outsider)),
    );
    expect(amendAgreement('A1', { agreement: higher, changeReason: 'r' }, context(outsider, created))).toMatchObject({
      status: 404,
      problems: ['agreement A1 is not known'],
    });
    expect(amendAgreement('A1', { agreement: higher, changeReason: 'r', expectedVersion: 3 }, context(buyer, created))).toMatchObject({
      status: 409,
      problems: ['agreement A1 is at version 1, not the expected 3: read it again and reapply the change'],
    });
    const retired = versions(retireAgreement('A1', { reason: 'plant closed' }, context(buyer, created)));
    expect(amendAgreement('A1', { agreement: higher, changeReason: 'r' }, context(buyer, [...created, ...retired]))).toMatchObject({
      status: 409,
      problems: ['agreement A1 was retired in version 2; it cannot be changed'],
    });
  });
});

describe('retiring an agreement', () => {
  it('makes a retired version of the same terms, with the reason', () => {
    expect(
      versions(retireAgreement('A1', { reason: 'plant closed', effectiveFrom: '2026-04-01T00:00:00.000Z' }, context(supplier, created))),
    ).toEqual([{ ...created[0], version: 2, status: 'retired', effectiveFrom: '2026-04-01T00:00:00.000Z', changeReason: 'plant closed' }]);
  });
});

describe('importing agreements', () => {
  const historyOf = (histories: Record<string, AgreementVersion[]>) => (id: string) => histories[id] ?? [];
  const other = agreement({ agreementId: 'A2', lines: [{ ...line, itemId: 'filter' }] });

  it('creates new ones, amends changed ones, leaves identical ones, all in one go', () => {
    const changed = agreement({ agreementId: 'A3', lines: [{ ...line, itemId: 'coolant' }] });
    const a3 = versions(
      createAgreement(
        { agreement: agreement({ agreementId: 'A3', lines: [{ ...line, itemId: 'coolant', maximum: 100 }] }) },
        context(supplier),
      ),
    );
    const change = importAgreements(
      { agreements: [agreement(), other, changed] },
      { by: supplier, now, partyKindOf, others: [...created, ...a3], historyOf: historyOf({ A1: created, A3: a3 }) },
    );
    expect(change).toMatchObject({ kind: 'recorded', outcome: { created: ['A2'], amended: ['A3'], unchanged: ['A1'] } });
    expect(versions(change).map((v) => [v.agreement.agreementId, v.version, v.changeReason])).toEqual([
      ['A2', 1, 'imported'],
      ['A3', 2, 'imported'],
    ]);
  });

  it('refuses the whole file with every problem when any agreement has one', () => {
    const bad = agreement({ agreementId: 'A4', lines: [{ ...line, itemId: 'x', packMultiple: 0 }] });
    expect(
      importAgreements({ agreements: [other, bad, other] }, { by: supplier, now, partyKindOf, others: [], historyOf: historyOf({}) }),
    ).toEqual({
      kind: 'refused',
      status: 400,
      problems: [
        'A4: lines[0].packMultiple must be at least 0.000001, the smallest quantity kept',
        'agreements[2]: agreement A2 appears more than once',
      ],
    });
  });

  it('refuses lines two imported agreements would both cover', () => {
    const twin = agreement({ agreementId: 'A5', supplierId: 'northwind', lines: [{ ...line, itemId: 'filter' }] });
    const change = importAgreements(
      { agreements: [other, twin] },
      { by: supplier, now, partyKindOf, others: [], historyOf: historyOf({}) },
    );
    expect(change).toMatchObject({
      status: 400,
      problems: ['A5: lines[0] (site lyon x item filter) overlaps agreement A2 (version 1, in force 2026-03-10 to 2026-12-31)'],
    });
  });

  it('refuses agreements the caller is no side of, or that belong to others on file', () => {
    const theirs = agreement({ agreementId: 'A6', supplierId: 'fabrikam', lines: [{ ...line, itemId: 'bolt' }] });
    expect(
      importAgreements({ agreements: [theirs] }, { by: supplier, now, partyKindOf, others: [], historyOf: historyOf({}) }),
    ).toMatchObject({
      status: 403,
      problems: ['A6: a party may only import agreements it is a side of'],
    });
    const mine = agreement({ supplierId: 'fabrikam', lines: [{ ...line, itemId: 'bolt' }] });
    expect(
      importAgreements({ agreements: [mine] }, { by: outsider, now, partyKindOf, others: [], historyOf: historyOf({ A1: created }) }),
    ).toEqual({
      kind: 'refused',
      status: 400,
      problems: ['agreement id A1 is already taken; choose another'],
    });
  });
});
