import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CrossReference } from './cross-reference';

const COLUMNS = `buyer_id AS "buyerId", location_code AS "locationCode", item_code AS "itemCode", site_id AS "siteId",
  item_id AS "itemId", edi_unit AS "ediUnit"`;

@Injectable()
export class CrossReferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes a buyer's entries in one statement: an entry for codes already kept replaces it. */
  async saveAll(entries: readonly CrossReference[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof CrossReference>(key: K) => entries.map((e) => e[key]);
    await this.dataSource.query(
      `INSERT INTO edi_cross_references (buyer_id, location_code, item_code, site_id, item_id, edi_unit, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (buyer_id, location_code, item_code) DO UPDATE SET
         site_id = excluded.site_id, item_id = excluded.item_id, edi_unit = excluded.edi_unit, updated_at = excluded.updated_at`,
      [column('buyerId'), column('locationCode'), column('itemCode'), column('siteId'), column('itemId'), column('ediUnit')],
    );
  }

  /** The entries of the given codes, in one statement (what one interchange's lines name). */
  async findAll(
    manager: EntityManager,
    codes: ReadonlyArray<{ buyerId: string; locationCode: string; itemCode: string }>,
  ): Promise<CrossReference[]> {
    if (codes.length === 0) return [];
    return manager.query(
      `SELECT ${COLUMNS} FROM edi_cross_references
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, location_code, item_code) USING (buyer_id, location_code, item_code)`,
      [codes.map((c) => c.buyerId), codes.map((c) => c.locationCode), codes.map((c) => c.itemCode)],
    );
  }

  /** A buyer's entries, or everyone's (null), ordered by buyer and codes. */
  list(buyerId: string | null): Promise<CrossReference[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM edi_cross_references WHERE ($1::text IS NULL OR buyer_id = $1)
       ORDER BY buyer_id, location_code, item_code`,
      [buyerId],
    );
  }
}
