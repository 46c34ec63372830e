import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { loadSeedVersions } from '@smi/agreements';
import { AgreementRecorder } from './agreement-recorder.adapter';
import { AgreementVersionsRepository } from './agreement-versions.repository';

/**
 * At boot, records the agreements file's agreements this service has no
 * version of yet as their version 1, and so publishes them: the demo's
 * agreements then appear in the API and on the topic like any other. Running
 * it again finds them on file and records nothing.
 */
@Injectable()
export class AgreementSeedImport implements OnApplicationBootstrap {
  private readonly log = new Logger(AgreementSeedImport.name);

  constructor(
    private readonly recorder: AgreementRecorder,
    private readonly versions: AgreementVersionsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seed = loadSeedVersions();
    const change = await this.recorder.record(async (manager) => {
      const onFile = await this.versions.histories(seed.map((v) => v.agreement.agreementId), manager);
      return { kind: 'recorded' as const, versions: seed.filter((v) => !onFile.has(v.agreement.agreementId)) };
    });
    const recorded = change.versions.map((v) => v.agreement.agreementId);
    if (recorded.length > 0) this.log.log(`recorded version 1 of ${recorded.join(', ')} from the agreements file`);
  }
}
