import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { StockMovement, topics } from '@smi/contracts';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { BusinessClock } from '@smi/service-kit';
import { MovementTerms, MovementsProjected, projectable, projectMovements } from '../on-hand/on-hand-projection';
import { OnHandRepository } from '../on-hand/on-hand.repository';

/**
 * Records a batch of stock movements: locks the on-hand of every site x item in the batch at
 * once, lets the projection decide, and writes the changed on-hand and one stock level per
 * applied movement in the batch's unit of work. Refused movements come back with their reason.
 * "Now", for refusing movements from the future, is the business clock's: the demo's calendar
 * or a replay sends movements of its own time.
 */
@Injectable()
export class RecordStockMovements {
  constructor(
    private readonly onHand: OnHandRepository,
    private readonly agreements: AgreementBook,
    private readonly clock: BusinessClock,
  ) {}

  async execute(records: readonly Inbound<StockMovement>[], tx: Transaction, now = this.clock.now()): Promise<Rejection[]> {
    const movements = records.map((r) => r.event);
    const current = await this.onHand.lockAll(tx.manager, projectable(movements, now));
    const projected = projectMovements(current, movements, now, this.terms('optional'));
    await this.onHand.saveAll(tx.manager, projected.changed);
    for (const { index, level } of projected.stockLevels) await tx.outbox.add(topics.stockLevels, level, records[index]);
    return projected.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }

  /**
   * What recording these movements would refuse, on the on-hand as it stands, without writing:
   * the REST API asks before it answers, so its 202 means the movements will be applied. A REST
   * sender hears at once, so each movement must fall under an agreement line in force.
   */
  async refusals(movements: readonly StockMovement[], now = this.clock.now()): Promise<MovementsProjected['refused']> {
    const current = await this.onHand.readAll(projectable(movements, now));
    return projectMovements(current, movements, now, this.terms('required')).refused;
  }

  private terms(coverage: MovementTerms['coverage']): MovementTerms {
    return { coverage, lineOf: (m) => this.agreements.lineFor(m.buyerId, m.siteId, m.itemId, m.occurredAt) };
  }
}
