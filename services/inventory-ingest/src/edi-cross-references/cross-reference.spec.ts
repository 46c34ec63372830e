import { crossReferenceShapeProblems, crossReferencesOf, crossReferenceTermsProblems } from './cross-reference';

describe("a buyer's EDI cross-reference", () => {
  const entry = { locationCode: 'LYON01', itemCode: 'BP-1', siteId: 'plant-lyon', itemId: 'brake-pad' };

  it('names each missing or wrong field of each entry', () => {
    expect(
      crossReferenceShapeProblems([entry, { ...entry, itemCode: 'BP-2', siteId: '' }, 7, { ...entry, itemCode: 'BP-3', ediUnit: 4 }]),
    ).toEqual([
      { field: 'entries[1].siteId', problem: 'is required and must be a non-empty string' },
      { field: 'entries[2]', problem: 'must be an object' },
      { field: 'entries[3].ediUnit', problem: 'is required and must be a non-empty string' },
    ]);
  });

  it('refuses the same codes twice in one list', () => {
    expect(crossReferenceShapeProblems([entry, { ...entry, siteId: 'other' }])).toEqual([
      { field: 'entries[1]', problem: 'names the same locationCode and itemCode as entries[0]' },
    ]);
  });

  it("names an entry whose site x item is on none of the buyer's agreement lines", () => {
    const refs = crossReferencesOf('acme', [entry, { ...entry, itemCode: 'ZZ', itemId: 'unknown-part' }]);
    const lineOf = (siteId: string, itemId: string) => (itemId === 'brake-pad' ? ({ siteId, itemId } as never) : undefined);
    expect(crossReferenceTermsProblems(refs, lineOf)).toEqual([
      { field: 'entries[1]', problem: "site plant-lyon x item unknown-part is on none of acme's agreement lines" },
    ]);
    expect(refs[0]).toEqual({ buyerId: 'acme', ...entry, ediUnit: null });
  });
});
