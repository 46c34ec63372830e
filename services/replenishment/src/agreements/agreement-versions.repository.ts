import { Injectable } from '@nestjs/common';
import { AgreementVersion } from '@smi/agreements';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgreementVersionRow } from './agreement-version.entity';

/** Whose agreements a query covers: a buyer's, a supplier's, or (for an operator) all. */
export type AgreementScope = 'all' | { buyerId: string } | { supplierId: string };

@Injectable()
export class AgreementVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Lets one change of agreements decide at a time: the overlap rule reads the
   * buyer's other agreements, and two changes deciding side by side could each
   * miss the other's new line. Held until the transaction ends.
   */
  async lockForChange(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('replenishment.agreement_versions'))`);
  }

  /** Every version of each agreement, oldest first. */
  async histories(agreementIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, AgreementVersion[]>> {
    const rows =
      agreementIds.length === 0
        ? []
        : await manager.getRepository(AgreementVersionRow).find({ where: { agreementId: In(agreementIds) }, order: { version: 'ASC' } });
    const histories = new Map<string, AgreementVersion[]>();
    for (const row of rows) histories.set(row.agreementId, [...(histories.get(row.agreementId) ?? []), versionOf(row)]);
    return histories;
  }

  async history(agreementId: string, manager: EntityManager = this.dataSource.manager): Promise<AgreementVersion[]> {
    return (await this.histories([agreementId], manager)).get(agreementId) ?? [];
  }

  /** Every version of every agreement of these buyers: what a new line must not overlap. */
  async versionsOfBuyers(manager: EntityManager, buyerIds: string[]): Promise<AgreementVersion[]> {
    if (buyerIds.length === 0) return [];
    const rows = await manager
      .getRepository(AgreementVersionRow)
      .createQueryBuilder('v')
      .where(`v.document->>'buyerId' IN (:...buyerIds)`, { buyerIds: [...new Set(buyerIds)] })
      .orderBy('v.agreementId')
      .addOrderBy('v.version')
      .getMany();
    return rows.map(versionOf);
  }

  /** The newest version of each agreement in scope, by agreement id. */
  async latest(scope: AgreementScope): Promise<AgreementVersion[]> {
    const query = this.dataSource
      .getRepository(AgreementVersionRow)
      .createQueryBuilder('v')
      .distinctOn(['v.agreementId'])
      .orderBy('v.agreementId')
      .addOrderBy('v.version', 'DESC');
    // The parties of an agreement never change between its versions, so any version's are the newest's.
    if (scope !== 'all' && 'buyerId' in scope) query.where(`v.document->>'buyerId' = :party`, { party: scope.buyerId });
    if (scope !== 'all' && 'supplierId' in scope) query.where(`v.document->>'supplierId' = :party`, { party: scope.supplierId });
    return (await query.getMany()).map(versionOf);
  }

  /** Adds a version; versions are never changed once written. */
  /** Adds the versions in one statement. */
  async add(manager: EntityManager, versions: readonly AgreementVersion[]): Promise<void> {
    if (versions.length === 0) return;
    await manager.query(
      `INSERT INTO agreement_versions (agreement_id, version, status, effective_from, changed_by, changed_at, change_reason, document)
       SELECT agreement_id, version, status, effective_from, changed_by, changed_at, change_reason, document::jsonb
         FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])
           AS v(agreement_id, version, status, effective_from, changed_by, changed_at, change_reason, document)`,
      [
        versions.map((v) => v.agreement.agreementId),
        versions.map((v) => v.version),
        versions.map((v) => v.status),
        versions.map((v) => v.effectiveFrom),
        versions.map((v) => v.changedBy),
        versions.map((v) => v.changedAt),
        versions.map((v) => v.changeReason),
        versions.map((v) => JSON.stringify(v.agreement)),
      ],
    );
  }
}

function versionOf(row: AgreementVersionRow): AgreementVersion {
  return {
    agreement: row.document,
    version: row.version,
    effectiveFrom: row.effectiveFrom.toISOString(),
    status: row.status,
    changedBy: row.changedBy,
    changedAt: row.changedAt.toISOString(),
    changeReason: row.changeReason,
  };
}
