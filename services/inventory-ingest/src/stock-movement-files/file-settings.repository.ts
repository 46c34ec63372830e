import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DateFormat } from './file-rows';

/** Each buyer's own way of writing dates in its files, used when an upload names none. */
@Injectable()
export class FileSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The buyer's configured date format, or undefined when it set none. */
  async dateFormatOf(buyerId: string): Promise<DateFormat | undefined> {
    const rows: Array<{ dateFormat: DateFormat }> = await this.dataSource.query(
      'SELECT date_format AS "dateFormat" FROM buyer_file_settings WHERE buyer_id = $1',
      [buyerId],
    );
    return rows[0]?.dateFormat;
  }

  async saveDateFormat(buyerId: string, dateFormat: DateFormat): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO buyer_file_settings (buyer_id, date_format, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (buyer_id) DO UPDATE SET date_format = excluded.date_format, updated_at = excluded.updated_at`,
      [buyerId, dateFormat],
    );
  }
}
