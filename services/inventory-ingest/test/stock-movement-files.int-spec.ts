import { StockMovement } from '@smi/contracts';
import {
  foldStockMovements,
  ServiceProcess,
  namespaceOfItsOwn,
  startServiceProcess,
  testAgreement,
  uniqueId,
  untilPasses,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = (response: Response): Promise<Json> => response.json() as Promise<Json>;

describe('stock movement files, through the real broker and database', () => {
  let ingest: ServiceProcess;
  const buyer = uniqueId('buyer');
  const otherBuyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const keys = { buyer: uniqueId('key'), otherBuyer: uniqueId('key'), supplier: uniqueId('key') };
  const site = uniqueId('site');
  const otherSite = uniqueId('site');
  const item = (name: string) => `${name}-${site}`;
  const line = (itemId: string, unit = 'EA') => ({
    siteId: site,
    itemId,
    unit,
    minimum: 0,
    maximum: 100,
    leadTimeDays: 2,
    packMultiple: 1,
  });
  const mainAgreement = uniqueId('AGR');
  const templateAgreement = uniqueId('AGR');
  const killedItems = Array.from({ length: 12 }, (_, i) => item(`killed-${i}`));
  // The demo's seed agreement and buyer, for the example files under deploy/samples.
  const repo = resolve(__dirname, '../../..');
  const seed = JSON.parse(readFileSync(resolve(repo, 'deploy/seed/agreements.json'), 'utf8')).agreements;
  const agreementsFile = writeAgreementsFile([
    ...seed,
    testAgreement({
      agreementId: mainAgreement,
      buyerId: buyer,
      supplierId: supplier,
      lines: [
        line(item('csv-a')),
        line(item('csv-b'), 'KG'),
        line(item('xlsx-a')),
        line(item('xlsx-b'), 'KG'),
        line(item('count-a')),
        line(item('count-b')),
        ...killedItems.map((i) => line(i)),
      ],
    }),
    testAgreement({
      agreementId: templateAgreement,
      buyerId: buyer,
      supplierId: supplier,
      lines: [line(item('tpl-a')), line(item('tpl-b'), 'KG')],
    }),
    testAgreement({
      agreementId: uniqueId('AGR'),
      buyerId: otherBuyer,
      supplierId: supplier,
      lines: [{ ...line(item('theirs')), siteId: otherSite }],
    }),
  ]);
  const partiesFile = writePartiesFile([
    { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: keys.buyer },
    { id: otherBuyer, kind: 'buyer', name: 'Another buyer', apiKey: keys.otherBuyer },
    { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: keys.supplier },
    { id: 'acme-motors', kind: 'buyer', name: 'Acme Motors', apiKey: 'demo-acme-key' },
  ]);
  const env = {
    SMI_AGREEMENTS_FILE: agreementsFile,
    SMI_PARTIES_FILE: partiesFile,
    SMI_STOCK_MOVEMENT_FILES_SWEEP_MS: '500',
    SMI_STOCK_MOVEMENT_FILES_LEASE_MS: '3000',
    SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES: String(8 * 1024 * 1024),
  };

  const day = (daysAgo: number, hour = 12) => {
    const d = new Date(Date.now() - daysAgo * 86_400_000);
    d.setUTCHours(hour, 0, 0, 0);
    return d;
  };
  const isoDay = (daysAgo: number) => day(daysAgo, 0).toISOString().slice(0, 10);

  const upload = (body: string | Buffer | FormData, contentType: string | null, query = '', key = keys.buyer) =>
    fetch(`${ingest.baseUrl}/stock-movement-files${query}`, {
      method: 'POST',
      headers: { 'x-api-key': key, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
  /** A CSV upload the server may answer before it has all of it: the answer counts, a write cut short after it does not. */
  const oversize = (headers: Record<string, string>, body: Buffer) =>
    new Promise<{ status: number; message: string }>((resolveAnswer, reject) => {
      const url = new URL(`${ingest.baseUrl}/stock-movement-files`);
      let answered = false;
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'x-api-key': keys.buyer, 'content-type': 'text/csv', ...headers },
        },
        (response) => {
          answered = true;
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (piece: string) => (text += piece));
          response.on('end', () =>
            resolveAnswer({ status: response.statusCode ?? 0, message: (JSON.parse(text) as { message: string }).message }),
          );
        },
      );
      request.on('error', (error) => (answered ? undefined : reject(error)));
      request.write(body);
      if (!headers['content-length']) request.end();
    });
  const get = (path: string, key = keys.buyer) => fetch(`${ingest.baseUrl}${path}`, { headers: { 'x-api-key': key } });
  const jobOf = async (jobId: string, key = keys.buyer): Promise<Json> => json(await get(`/stock-movement-files/${jobId}`, key));
  const finished = (jobId: string, timeoutMs = 60_000, key = keys.buyer) =>
    untilPasses(async () => {
      const job = await jobOf(jobId, key);
      expect(job.status).toMatch(/^(done|failed)$/);
      return job;
    }, timeoutMs);
  const onHand = async (): Promise<Map<string, { quantity: number; sequence: number; unit: string; lastCountAt: string | null }>> => {
    const levels: Json[] = await json(await get(`/stock-levels?siteId=${site}`));
    return new Map(levels.map((l) => [l.itemId, l]));
  };
  /** Waits until every named item shows the on-hand and the count of movements applied expected. */
  const expectOnHand = (expected: Record<string, { quantity: number; sequence: number }>, timeoutMs = 60_000) =>
    untilPasses(async () => {
      const levels = await onHand();
      const seen = Object.fromEntries(
        Object.keys(expected).map((i) => [i, levels.get(i) && { quantity: levels.get(i)!.quantity, sequence: levels.get(i)!.sequence }]),
      );
      expect(seen).toEqual(expected);
    }, timeoutMs);

  beforeAll(async () => {
    ingest = await startServiceProcess('inventory-ingest', env);
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  const csvA = item('csv-a');
  const csvB = item('csv-b');
  const goodAndBadCsv = [
    'Movement ID,Site ID,Item ID,Kind,Quantity,Unit,Occurred At,Order Reference',
    `,${site},${csvA},RECEIPT,100,EA,${isoDay(3)},PO-1`,
    `,${site},${csvA},consumption,30,EA,${day(2).toISOString()},`,
    `,${site},${csvB},RECEIPT,12.5,KG,${isoDay(3)},`,
    `,${site},${csvA},CONSUMPTION,-3,EA,${isoDay(2)},`,
    `,${site},${csvA},LEAK,3,EA,${isoDay(2)},`,
    `,${site},${csvB},RECEIPT,5,EA,${isoDay(2)},`,
    `,${site},${item('not-agreed')},RECEIPT,5,EA,${isoDay(2)},`,
    `,${otherSite},${item('theirs')},RECEIPT,5,EA,${isoDay(2)},`,
    `,${site},${csvA},RECEIPT,1,EA,31/12/2026,`,
    '',
    `,${site},${csvB},CONSUMPTION,"2.5",KG,${isoDay(1)},`,
  ].join('\r\n');

  it('reads a CSV with good and bad rows: the good ones move stock once, the bad ones are reported by row, column, value and reason', async () => {
    const response = await upload(goodAndBadCsv, 'text/csv');
    expect(response.status).toBe(202);
    const accepted: Json = await json(response);
    expect(response.headers.get('location')).toBe(`/stock-movement-files/${accepted.jobId}`);
    expect(accepted.repeat).toBe(false);
    const job = await finished(accepted.jobId);
    expect(job).toMatchObject({ status: 'done', kind: 'movements', format: 'csv', rowsRead: 10, accepted: 4, rejected: 6, percent: 100 });
    expect(job.rejections).toEqual([
      { row: 5, column: 'quantity', value: '-3', reason: 'must be greater than 0 for a CONSUMPTION (got -3)' },
      { row: 6, column: 'kind', value: 'LEAK', reason: 'must be one of RECEIPT, CONSUMPTION, ADJUSTMENT, COUNT' },
      { row: 7, column: 'unit', value: 'EA', reason: expect.stringMatching(/^is EA but agreement .* keeps .* in KG$/) },
      {
        row: 8,
        column: 'site_id',
        value: site,
        reason: expect.stringMatching(/is not covered by an agreement of .* in force at occurredAt$/),
      },
      {
        row: 9,
        column: 'site_id',
        value: otherSite,
        reason: expect.stringMatching(/is not covered by an agreement of .* in force at occurredAt$/),
      },
      { row: 10, column: 'occurred_at', value: '31/12/2026', reason: expect.stringMatching(/^must be a date in ISO 8601/) },
    ]);
    await expectOnHand({ [csvA]: { quantity: 70, sequence: 2 }, [csvB]: { quantity: 10, sequence: 2 } });

    const report = await get(`/stock-movement-files/${accepted.jobId}/rejections.csv`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await report.text()).trim().split('\r\n');
    expect(lines[0]).toBe('row,column,value,reason');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '5,quantity,-3',
      '6,kind,LEAK',
      '7,unit,EA',
      `8,site_id,${site}`,
      `9,site_id,${otherSite}`,
      '10,occurred_at,31/12/2026',
    ]);

    // The same file again: the first job, and no second effect.
    const again = await upload(goodAndBadCsv, 'text/csv');
    expect(again.status).toBe(202);
    expect(await json(again)).toMatchObject({ jobId: accepted.jobId, repeat: true });
    await new Promise((r) => setTimeout(r, 2000));
    await expectOnHand({ [csvA]: { quantity: 70, sequence: 2 }, [csvB]: { quantity: 10, sequence: 2 } });
  });

  it('reads an XLSX sent from a browser form, with its dates in the buyer’s format and as date cells', async () => {
    const xA = item('xlsx-a');
    const xB = item('xlsx-b');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('stock');
    const dmy = (d: Date) =>
      `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    sheet.addRow(['SITE_ID', 'item_id', 'kind', 'quantity', 'unit', 'occurred_at', 'movement_id']);
    const [received, consumed] = [uniqueId('erp'), uniqueId('erp')];
    sheet.addRow([site, xA, 'RECEIPT', 40, 'EA', dmy(day(3)), received]);
    sheet.addRow([site, xA, 'CONSUMPTION', 15, 'EA', day(2), consumed]);
    sheet.addRow([site, xB, 'RECEIPT', 2.25, 'KG', `${dmy(day(2))} 08:30`, uniqueId('erp')]);
    sheet.addRow([site, xB, 'ADJUSTMENT', 0, 'KG', dmy(day(1)), uniqueId('erp')]);
    sheet.addRow([site, xA, 'CONSUMPTION', 'five', 'EA', dmy(day(1)), uniqueId('erp')]);
    sheet.addRow([site, xA, 'CONSUMPTION', 1, 'EA', '2026-13-45', uniqueId('erp')]);
    const form = new FormData();
    form.append('kind', 'movements');
    form.append('dateFormat', 'DD/MM/YYYY');
    form.append('file', new Blob([await workbook.xlsx.writeBuffer()], { type: XLSX }), 'week.xlsx');
    const response = await upload(form, null);
    expect(response.status).toBe(202);
    const job = await finished((await json(response)).jobId);
    expect(job).toMatchObject({
      status: 'done',
      format: 'xlsx',
      dateFormat: 'DD/MM/YYYY',
      fileName: 'week.xlsx',
      rowsRead: 6,
      accepted: 3,
      rejected: 3,
    });
    expect(job.rejections).toEqual([
      { row: 5, column: 'quantity', value: '0', reason: 'must not be 0 for an ADJUSTMENT' },
      { row: 6, column: 'quantity', value: 'five', reason: expect.stringMatching(/^must be a number/) },
      { row: 7, column: 'occurred_at', value: '2026-13-45', reason: 'must be a date in DD/MM/YYYY [HH:mm[:ss]]' },
    ]);
    await expectOnHand({ [xA]: { quantity: 25, sequence: 2 }, [xB]: { quantity: 2.25, sequence: 1 } });

    // Another file sending one of those movements again (the buyer's own id, the same movement): taken once. The
    // same id for another movement is refused, naming the id.
    const again = [
      'movement_id,site_id,item_id,kind,quantity,unit,occurred_at',
      `${received},${site},${xA},RECEIPT,40,EA,${isoDay(3)}`,
      `${consumed},${site},${xA},CONSUMPTION,16,EA,${day(2).toISOString()}`,
      `${uniqueId('erp')},${site},${xA},CONSUMPTION,5,EA,${isoDay(1)}`,
    ];
    const resent = await finished((await json(await upload(again.join('\n'), 'text/csv'))).jobId);
    expect(resent).toMatchObject({ status: 'done', accepted: 2, repeats: 1, rejected: 1 });
    expect(resent.rejections).toEqual([
      { row: 3, column: 'movement_id', value: consumed, reason: 'was used before for another movement: a movement id names one movement' },
    ]);
    await expectOnHand({ [xA]: { quantity: 20, sequence: 3 } });
  });

  it('takes a snapshot file as counts: the on-hand becomes what was counted', async () => {
    const a = item('count-a');
    const b = item('count-b');
    const receipts = [
      'site_id,item_id,kind,quantity,unit,occurred_at',
      `${site},${a},RECEIPT,100,EA,${isoDay(5)}`,
      `${site},${b},RECEIPT,3,EA,${isoDay(5)}`,
    ];
    await finished((await json(await upload(receipts.join('\n'), 'text/csv'))).jobId);
    const snapshot = [
      'item_id,site_id,quantity,unit,counted_at',
      `${a},${site},40,EA,${isoDay(1)}`,
      `${b},${site},0,EA,${isoDay(1)}`,
      `${b},${site},-1,EA,${isoDay(1)}`,
    ];
    const response = await upload(snapshot.join('\n'), 'text/csv', '?kind=snapshot');
    expect(response.status).toBe(202);
    const job = await finished((await json(response)).jobId);
    expect(job).toMatchObject({ kind: 'snapshot', accepted: 2, rejected: 1 });
    expect(job.rejections).toEqual([{ row: 4, column: 'quantity', value: '-1', reason: 'must be 0 or more for a COUNT (got -1)' }]);
    await expectOnHand({ [a]: { quantity: 40, sequence: 2 }, [b]: { quantity: 0, sequence: 2 } });
    expect((await onHand()).get(a)!.lastCountAt).toBe(`${isoDay(1)}T00:00:00.000Z`);
  });

  it("reads an upload that names no date format in the buyer's configured one, which only that buyer sets", async () => {
    const settings = (key: string, body?: unknown) =>
      fetch(`${ingest.baseUrl}/stock-movement-files/settings`, {
        method: body === undefined ? 'GET' : 'PUT',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect(await json(await settings(keys.otherBuyer))).toEqual({ dateFormat: 'ISO' });
    const refused = await settings(keys.otherBuyer, { dateFormat: 'YY' });
    expect(refused.status).toBe(400);
    expect((await json(refused)).message).toMatch(/^dateFormat must be one of ISO/);
    expect((await settings(keys.supplier, { dateFormat: 'DD.MM.YYYY' })).status).toBe(403);
    expect(await json(await settings(keys.otherBuyer, { dateFormat: 'DD.MM.YYYY' }))).toEqual({ dateFormat: 'DD.MM.YYYY' });
    expect(await json(await settings(keys.otherBuyer))).toEqual({ dateFormat: 'DD.MM.YYYY' });
    expect(await json(await settings(keys.buyer))).toEqual({ dateFormat: 'ISO' }); // another buyer's setting is its own

    const [y, m, d] = isoDay(3).split('-');
    const csv = ['site_id,item_id,kind,quantity,unit,occurred_at', `${otherSite},${item('theirs')},RECEIPT,7,EA,${d}.${m}.${y}`];
    const job = await finished((await json(await upload(csv.join('\n'), 'text/csv', '', keys.otherBuyer))).jobId, 60_000, keys.otherBuyer);
    expect(job).toMatchObject({ dateFormat: 'DD.MM.YYYY', accepted: 1, rejected: 0 });
    // Named in the upload, a format still wins over the configured one.
    const iso = ['site_id,item_id,kind,quantity,unit,occurred_at', `${otherSite},${item('theirs')},CONSUMPTION,2,EA,${isoDay(2)}`];
    const named = await finished(
      (await json(await upload(iso.join('\n'), 'text/csv', '?dateFormat=ISO', keys.otherBuyer))).jobId,
      60_000,
      keys.otherBuyer,
    );
    expect(named).toMatchObject({ dateFormat: 'ISO', accepted: 1, rejected: 0 });
  });

  it("hands out a template per agreement that, filled in, uploads cleanly; only the agreement's parties get it", async () => {
    const response = await get(`/stock-movement-files/template?agreementId=${templateAgreement}&format=csv`);
    expect(response.status).toBe(200);
    const rows = (await response.text()).trim().split('\r\n');
    expect(rows).toEqual([
      'movement_id,site_id,item_id,kind,quantity,unit,occurred_at,order_reference',
      `,${site},${item('tpl-a')},RECEIPT,,EA,,`,
      `,${site},${item('tpl-b')},RECEIPT,,KG,,`,
    ]);
    const filled = rows.map((row, i) => (i === 0 ? row : row.replace(',,', `,${i * 4},`).replace(/,,$/, `,${isoDay(1)},`))).join('\r\n');
    const job = await finished((await json(await upload(filled, 'text/csv'))).jobId);
    expect(job).toMatchObject({ status: 'done', accepted: 2, rejected: 0, rejections: [] });
    await expectOnHand({ [item('tpl-a')]: { quantity: 4, sequence: 1 }, [item('tpl-b')]: { quantity: 8, sequence: 1 } });

    const xlsx = await get(`/stock-movement-files/template?agreementId=${templateAgreement}&format=xlsx&kind=snapshot`, keys.supplier);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells = (row: number) => [1, 2, 3, 4, 5, 6].map((column) => workbook.worksheets[0].getRow(row).getCell(column).value ?? '');
    expect([1, 2, 3].map(cells)).toEqual([
      ['movement_id', 'site_id', 'item_id', 'quantity', 'unit', 'counted_at'],
      ['', site, item('tpl-a'), '', 'EA', ''],
      ['', site, item('tpl-b'), '', 'KG', ''],
    ]);
    expect((await get(`/stock-movement-files/template?agreementId=${templateAgreement}`, keys.otherBuyer)).status).toBe(404);
  });

  it('refuses bad uploads naming why, and another buyer cannot see a job', async () => {
    const refusal = async (response: Response) => ({ status: response.status, message: (await json(response)).message });
    expect(await refusal(await upload('{}', 'application/json'))).toMatchObject({ status: 415 });
    expect(await refusal(await upload('a;b', 'text/plain'))).toMatchObject({
      status: 415,
      message: expect.stringMatching(/text\/plain is not taken/),
    });
    expect(await refusal(await upload('', 'text/csv'))).toEqual({ status: 400, message: 'file is empty' });
    expect(await refusal(await upload('site_id,item_id,quantity,unit\nS,I,1,EA', 'text/csv'))).toEqual({
      status: 400,
      message: 'the header row lacks the column(s) kind, occurred_at of a movements file',
    });
    expect(await refusal(await upload('x', 'text/csv', '?kind=stock'))).toEqual({
      status: 400,
      message: 'kind must be one of movements, snapshot',
    });
    expect(await refusal(await upload('x', 'text/csv', '?dateFormat=YY'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^dateFormat must be one of ISO/),
    });
    // Over the limit: declared so, refused before the body is read; or found so while it streams in (chunked).
    expect(await oversize({ 'content-length': String(8 * 1024 * 1024 + 1) }, Buffer.alloc(0))).toMatchObject({
      status: 413,
      message: 'file is larger than 8388608 bytes (SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES)',
    });
    expect(await oversize({ 'transfer-encoding': 'chunked' }, Buffer.alloc(8 * 1024 * 1024 + 1, 'a'))).toMatchObject({
      status: 413,
      message: 'file is larger than 8388608 bytes (SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES)',
    });
    expect(await refusal(await upload('not a zip', XLSX))).toMatchObject({ status: 400, message: expect.stringMatching(/^file /) });
    expect((await upload('site_id', 'text/csv', '', keys.supplier)).status).toBe(403);

    const mine: Json = await (
      await upload(`site_id,item_id,kind,quantity,unit,occurred_at\n${site},${csvA},RECEIPT,1,XX,${isoDay(1)}`, 'text/csv')
    ).json();
    await finished(mine.jobId);
    expect((await get(`/stock-movement-files/${mine.jobId}`, keys.otherBuyer)).status).toBe(404);
    expect((await get(`/stock-movement-files/${mine.jobId}/rejections.csv`, keys.otherBuyer)).status).toBe(404);
    expect((await get(`/stock-movement-files/${mine.jobId}`, keys.supplier)).status).toBe(404);
  });

  it("takes the README's example files against the demo's seed agreement", async () => {
    // The demo buyer's stock is other suites' too (the dashboard's): its samples go to a service in a namespace of its own.
    const suiteIngest = ingest;
    ingest = await startServiceProcess('inventory-ingest', { ...env, ...(await namespaceOfItsOwn('file-samples')) });
    try {
      const movements = readFileSync(resolve(repo, 'deploy/samples/stock-movements.csv'));
      const job = await finished((await json(await upload(movements, 'text/csv', '', 'demo-acme-key'))).jobId, 60_000, 'demo-acme-key');
      expect(job).toMatchObject({ status: 'done', accepted: 6, rejected: 1 });
      expect(job.rejections).toEqual([
        { row: 8, column: 'unit', value: 'KG', reason: 'is KG but agreement AGR-ACME-NW-2026 keeps plant-turin x coolant-c5l in L' },
      ]);
      const snapshot = readFileSync(resolve(repo, 'deploy/samples/stock-snapshot.csv'));
      const counted = await finished(
        (await json(await upload(snapshot, 'text/csv', '?kind=snapshot', 'demo-acme-key'))).jobId,
        60_000,
        'demo-acme-key',
      );
      expect(counted).toMatchObject({ status: 'done', accepted: 4, rejected: 0 });
    } finally {
      await ingest.stop();
      ingest = suiteIngest;
    }
  });

  it('resumes a job cut off by a killed process from its checkpoint, losing and duplicating nothing', async () => {
    const rows = 60_000;
    const movements: StockMovement[] = [];
    const lines = ['site_id,item_id,kind,quantity,unit,occurred_at'];
    const start = Date.now() - 20 * 86_400_000;
    for (let i = 0; i < rows; i++) {
      const itemId = killedItems[i % killedItems.length];
      const kind = i % 3 === 0 ? 'RECEIPT' : i % 17 === 5 ? 'COUNT' : 'CONSUMPTION';
      const quantity = (i % 7) + 1;
      const occurredAt = new Date(start + i * 1000);
      lines.push(`${site},${itemId},${kind},${quantity},EA,${occurredAt.toISOString()}`);
      movements.push({
        eventId: `${i}`,
        buyerId: buyer,
        siteId: site,
        itemId,
        kind,
        quantity,
        unit: 'EA',
        occurredAt,
        source: 'file',
        orderReference: null,
      });
    }
    const expected = Object.fromEntries(
      [...foldStockMovements(movements).values()].map((s) => [s.itemId, { quantity: s.onHand, sequence: s.movements }]),
    );

    const response = await upload(lines.join('\n'), 'text/csv');
    expect(response.status).toBe(202);
    const { jobId } = await json(response);
    const cutAt = await untilPasses(async () => {
      const job = await jobOf(jobId);
      expect(job.rowsRead).toBeGreaterThanOrEqual(5_000);
      return job;
    }, 60_000);
    expect(cutAt.status).toBe('running');
    await ingest.kill();
    ingest = await startServiceProcess('inventory-ingest', env);
    const job = await finished(jobId, 120_000);
    expect(job).toMatchObject({ status: 'done', rowsRead: rows, accepted: rows, rejected: 0 });
    await expectOnHand(expected, 120_000);
  });
});
