import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { readInventoryInterchange } from '@smi/edi';
import { UnitOfWork } from '@smi/messaging';
import { BusinessClock } from '@smi/service-kit';
import { CrossReferenceRepository } from '../edi-cross-references/cross-reference.repository';
import { MovementIntake } from '../stock-movements/movement-intake.adapter';
import { RecordStockMovements } from '../stock-movements/record-stock-movements.use-case';
import { codesNamedIn, crossReferenceRefusal, decideInterchange, movementsOfInterchange, takenIndexes } from './interchange-movements';
import { KeptInterchange, keptInterchangeOf } from './kept-interchange';
import { KeptInterchangeRepository } from './kept-interchange.repository';

/**
 * Takes in one EDI interchange (852 or INVRPT) a buyer posted: reads it, looks up the cross-reference
 * of every code its lines name in one statement, reads it again so that its acknowledgment names the
 * lines whose codes have none (an interchange is small: reading is cheap beside the round trip), turns the lines into stock movements, lets the
 * projection judge them on the on-hand as it stands (what it would refuse is named, not taken), then
 * in one unit of work claims them in the inbox, produces the fresh ones on the stock-movements topic
 * (as REST movements are, through the 'edi' channel) and keeps the interchange, whatever became of it.
 */
@Injectable()
export class ReceiveInterchange {
  constructor(
    private readonly crossReferences: CrossReferenceRepository,
    private readonly interchanges: KeptInterchangeRepository,
    private readonly recordMovements: RecordStockMovements,
    private readonly intake: MovementIntake,
    private readonly unitOfWork: UnitOfWork,
    private readonly agreements: AgreementBook,
    private readonly clock: BusinessClock,
  ) {}

  async execute(buyerId: string, raw: string): Promise<KeptInterchange> {
    const codes = codesNamedIn(readInventoryInterchange(raw), buyerId);
    const now = this.clock.now();
    return this.unitOfWork.run(async (tx) => {
      const references = await this.crossReferences.findAll(tx.manager, codes);
      // Read again knowing the buyer's codes, so the acknowledgment names each line without a cross-reference.
      const read = readInventoryInterchange(raw, { lineRefusal: crossReferenceRefusal(buyerId, references) });
      const agreedUnitOf = (siteId: string, itemId: string, at: Date) => this.agreements.lineFor(buyerId, siteId, itemId, at)?.line.unit;
      const mapped = movementsOfInterchange(read, buyerId, references, agreedUnitOf);
      const refused = await this.recordMovements.refusals(mapped.movements, now);
      const claims = await this.intake.claim(
        tx,
        takenIndexes(mapped, refused).map((i) => mapped.movements[i]),
        'edi',
      );
      const decision = decideInterchange(read, mapped, refused, claims);
      // Taken in only once the broker holds them: the unit of work commits after the produce.
      await this.intake.produce(decision.fresh, 'edi');
      const kept = keptInterchangeOf({ interchangeId: randomUUID(), buyerId, receivedAt: new Date() }, raw, read, decision);
      await this.interchanges.save(tx.manager, kept);
      return kept;
    });
  }
}
