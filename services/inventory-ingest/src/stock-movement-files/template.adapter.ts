import type { Response } from 'express';
import { csvLine } from './file-rows';
import { excelLibrary } from './stored-file.adapter';
import { XLSX_TYPE } from './upload.adapter';

/** Sends a template's rows as a CSV or an XLSX download (its one sheet named after the kind of file) named `name` (without extension). */
export async function sendTemplate(
  response: Response,
  rows: string[][],
  format: 'csv' | 'xlsx',
  name: string,
  sheet: string,
): Promise<void> {
  if (format === 'csv') {
    response.set('Content-Type', 'text/csv; charset=utf-8');
    response.set('Content-Disposition', `attachment; filename="${name}.csv"`);
    response.send(rows.map((row) => csvLine(row)).join(''));
    return;
  }
  response.set('Content-Type', XLSX_TYPE);
  response.set('Content-Disposition', `attachment; filename="${name}.xlsx"`);
  const { stream } = await excelLibrary();
  const workbook = new stream.xlsx.WorkbookWriter({ stream: response, useSharedStrings: false, useStyles: true });
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.columns = rows[0].map((header) => ({ header, key: header, width: Math.max(14, header.length + 2), style: { numFmt: '@' } }));
  for (const row of rows.slice(1)) worksheet.addRow(row).commit();
  worksheet.commit();
  await workbook.commit();
}
