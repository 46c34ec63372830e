import { QueryErrorLogger } from './query-error-logger';

describe('failed statements in the log', () => {
  it('logs one JSON line with the SQLSTATE and message, never the parameters or the detail', () => {
    const lines: string[] = [];
    const logger = new QueryErrorLogger('inventory-ingest', (line) => lines.push(line));
    const error = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      detail: 'Key (buyer_id)=(acme-secret) already exists.',
    });
    logger.logQueryError(error, 'INSERT INTO stock_levels (buyer_id, site_id)\n  VALUES ($1, $2)');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      level: 'error',
      context: 'database inventory-ingest',
      sqlstate: '22021',
      message: 'invalid byte sequence for encoding "UTF8": 0x00',
      statement: 'INSERT INTO stock_levels (buyer_id, site_id) VALUES ($1, $2)',
    });
    expect(lines[0]).not.toContain('acme-secret');
  });
});
