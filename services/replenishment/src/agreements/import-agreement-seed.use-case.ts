import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { loadSeedVersions } from '@smi/agreements';
import { RecordAgreementChanges } from './record-agreement-changes.use-case';
import { AgreementVersionsRepository } from './agreement-versions.repository';

/**
 * At boot, records the agreements file's agreements this service has no
 * version of yet as their version 1, and so publishes them: the demo's
 * agreements then appear in the API and on the topic like any other. Running
 * it again finds them on file and records nothing.
 */
@Injectable()
export class ImportAgreementSeed implements OnApplicationBootstrap {
  private readonly log = new Logger(ImportAgreementSeed.name);

  constructor(
    private readonly recordChanges: RecordAgreementChanges,
    private readonly versions: AgreementVersionsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seed = loadSeedVersions();
    const change = await this.recordChanges.execute(async (manager) => {
      const onFile = await this.versions.histories(
        seed.map((v) => v.agreement.agreementId),
        manager,
      );
      return { kind: 'recorded' as const, versions: seed.filter((v) => !onFile.has(v.agreement.agreementId)) };
    });
    const recorded = change.versions.map((v) => v.agreement.agreementId);
    if (recorded.length > 0) this.log.log(`recorded version 1 of ${recorded.join(', ')} from the agreements file`);
  }
}
