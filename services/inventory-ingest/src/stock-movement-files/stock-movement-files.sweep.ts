import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicSweep, SystemClock, sweepMsFrom } from '@smi/service-kit';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { FileJob } from './file-job';
import { FileJobsRepository } from './file-jobs.repository';
import { ReadStockMovementFile } from './read-stock-movement-file.use-case';

/** Files one instance reads at once; more wait for the next free slot (or another instance). */
const CONCURRENT_FILES = 2;
/** An upload whose bytes stopped arriving this long ago died with its request: it is forgotten. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Reads uploaded files: the one an upload has just stored at once, and every interval
 * (SMI_STOCK_MOVEMENT_FILES_SWEEP_MS, 5 s by default) any queued job, or any running one whose lease
 * (SMI_STOCK_MOVEMENT_FILES_LEASE_MS, 60 s by default) has run out because its instance stopped: so a
 * job cut off by a crash resumes on the next instance that starts, from its last checkpoint.
 */
@Injectable()
export class StockMovementFilesSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StockMovementFilesSweep.name);
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly leaseMs = sweepMsFrom(process.env, 'SMI_STOCK_MOVEMENT_FILES_LEASE_MS', 60_000);
  /** The jobs this instance is reading, by id: the sweep does not take them up again. */
  private readonly reading = new Map<string, Promise<void>>();
  private leases = 0;
  private stopping = false;
  private readonly sweep = new PeriodicSweep(
    this.logger,
    'taking up unfinished stock movement files',
    sweepMsFrom(process.env, 'SMI_STOCK_MOVEMENT_FILES_SWEEP_MS', 5_000),
    () => this.takeUp(),
    () => new SystemClock().now(),
  );

  constructor(
    private readonly jobs: FileJobsRepository,
    private readonly readFile: ReadStockMovementFile,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start();
    void this.sweep.once();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.sweep.stop();
    await Promise.allSettled([...this.reading.values()]);
  }

  /** Starts reading a job just stored, in the background, if this instance has a free slot (else the sweep takes it up). */
  readSoon(jobId: string): void {
    if (this.stopping || this.reading.size >= CONCURRENT_FILES) return;
    void this.jobs
      .lease(this.leaseToken(), this.leaseMs, [...this.reading.keys()], jobId)
      .then((leased) => leased && this.startReading(leased))
      .catch((error: Error) => this.logger.error(`file job ${jobId} could not be started; the sweep retries: ${error.message}`));
  }

  private async takeUp(): Promise<number> {
    await this.jobs.discardAbandoned(ABANDONED_AFTER_MS);
    let started = 0;
    while (!this.stopping && this.reading.size < CONCURRENT_FILES) {
      const leased = await this.jobs.lease(this.leaseToken(), this.leaseMs, [...this.reading.keys()]);
      if (!leased) break;
      this.logger.log(`taking up file job ${leased.job.jobId} after row ${leased.job.lastRow}`);
      this.startReading(leased);
      started++;
    }
    return started;
  }

  /** Each lease its own token: a reader that stalled past its lease finds its next checkpoint refused, even in this instance. */
  private leaseToken(): string {
    return `${this.owner}:${++this.leases}`;
  }

  private startReading({ job, lease }: { job: FileJob; lease: string }): void {
    const reading = this.readFile
      .execute(job, lease, this.leaseMs, () => this.stopping)
      .catch((error: Error) =>
        this.logger.error(`file job ${job.jobId} stopped; it resumes when its lease runs out: ${error.stack ?? error.message}`),
      )
      .finally(() => this.reading.delete(job.jobId));
    this.reading.set(job.jobId, reading);
  }
}
