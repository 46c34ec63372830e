import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The business clock a test moves: a file holding one ISO 8601 moment, given to the services as
 * SMI_CLOCK_FILE. Sweeps and REST commands with no time of their own take it as now; a service
 * re-reads it at most every 100 ms. Until `set` is called the services use the wall clock.
 */
export class BusinessClockFile {
  readonly path = join(mkdtempSync(join(tmpdir(), 'smi-clock-')), 'now');

  set(at: Date | string): void {
    writeFileSync(this.path, new Date(at).toISOString());
  }
}
