import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InterchangeOutcome } from './interchange-movements';
import { KeptInterchange } from './kept-interchange';

const COLUMNS = `interchange_id AS "interchangeId", buyer_id AS "buyerId", standard, sender, receiver, control_number AS "controlNumber",
  outcome, movements, repeats, errors, acknowledgment, raw, received_at AS "receivedAt"`;

@Injectable()
export class KeptInterchangeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async save(manager: EntityManager, kept: KeptInterchange): Promise<void> {
    await manager.query(
      `INSERT INTO edi_interchanges (interchange_id, buyer_id, standard, sender, receiver, control_number, outcome, movements, repeats,
                                     errors, acknowledgment, raw, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13)`,
      [
        kept.interchangeId,
        kept.buyerId,
        kept.standard,
        kept.sender,
        kept.receiver,
        kept.controlNumber,
        kept.outcome,
        kept.movements,
        kept.repeats,
        JSON.stringify(kept.errors),
        kept.acknowledgment,
        kept.raw,
        kept.receivedAt,
      ],
    );
  }

  async find(interchangeId: string): Promise<KeptInterchange | undefined> {
    const rows: KeptInterchange[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM edi_interchanges WHERE interchange_id = $1`, [
      interchangeId,
    ]);
    return rows[0];
  }

  /** A buyer's interchanges (or everyone's: null), newest first, at most `limit`. */
  list(buyerId: string | null, outcome: InterchangeOutcome | undefined, limit: number): Promise<KeptInterchange[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM edi_interchanges
       WHERE ($1::text IS NULL OR buyer_id = $1) AND ($2::text IS NULL OR outcome = $2)
       ORDER BY received_at DESC, interchange_id LIMIT $3`,
      [buyerId, outcome ?? null, limit],
    );
  }
}
