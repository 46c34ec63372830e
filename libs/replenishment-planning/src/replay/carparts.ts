import type { StudyItem } from './demand-history-replay';

/**
 * The carparts file (../shared/data/carparts.csv: a header `Part,Jan-98,…`, then
 * one part a line, empty cells for months not observed, only ever at the end):
 * each part's observed months.
 */
export function parseCarparts(csv: string): StudyItem[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => {
      const [id, ...cells] = row.trim().split(',');
      const observed = cells.slice(0, cells.includes('') ? cells.indexOf('') : cells.length);
      return { id, demand: observed.map(Number) };
    });
}
