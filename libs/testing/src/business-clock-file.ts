import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The business clock a test moves: a file holding one ISO 8601 moment, given to the services as
 * SMI_CLOCK_FILE. Sweeps and REST commands with no time of their own take it as now; a service
 * re-reads it at most every 100 ms. Until `set` is called the services use the wall clock.
 */
export class BusinessClockFile {
  readonly path = join(mkdtempSync(join(tmpdir(), 'smi-clock-')), 'now');
  private writes = 0;

  /** Replaces the file whole (a new file renamed over it): a service reading meanwhile never sees it empty or half written. */
  set(at: Date | string): void {
    const next = join(dirname(this.path), `now.${++this.writes}`);
    writeFileSync(next, new Date(at).toISOString());
    renameSync(next, this.path);
  }
}
