import { topics } from '@smi/contracts';
import { ServiceName, ServiceProcess } from '@smi/testing';
import { BenchRun } from './bench-run';
import { deadLettered, putMovementsOnTopic, ThroughputResult, waitForEveryStockLevel } from './ingest';
import { recordsOn, waitForLagZero } from './progress';
import { BenchParties, SiteItem } from './workload';

/** The services a stock level fans out to; end to end is done when each has consumed everything. */
export const STOCK_LEVEL_CONSUMERS = ['forecasting', 'replenishment', 'shipment', 'sla-monitor'] as const;
/** Ingest and the stock level's consumers: the services between a movement and its consequences. */
export const PIPELINE = ['inventory-ingest', ...STOCK_LEVEL_CONSUMERS] as const;
const DOWNSTREAM: ServiceName[] = [...STOCK_LEVEL_CONSUMERS, 'notification'];

/**
 * End to end: the same movements on the topic of a fresh phase, all six services running.
 * The five after ingest start first (idle: nothing reaches them before ingest runs), then
 * inventory-ingest; timed from its /health answering until every stock level is published and
 * forecasting, replenishment, shipment and sla-monitor have no lag left. The services keep
 * running for the latency measurement. `instances` of each service run, each service's in one consumer group.
 */
export async function measureEndToEnd(
  run: BenchRun,
  parties: BenchParties,
  keys: SiteItem[],
  total: number,
  instances = 1,
): Promise<{ result: ThroughputResult; services: ServiceProcess[] }> {
  await run.enterPhase(instances === 1 ? 'end-to-end' : `end-to-end-x${instances}`);
  const databaseUrl = await run.database();
  const movements = await putMovementsOnTopic(run, parties, keys, total);
  const downstream = await run.startServices(DOWNSTREAM, databaseUrl, parties, instances);
  const launchedAt = Date.now();
  const ingest = await run.startServices(['inventory-ingest'], databaseUrl, parties, instances);
  const healthyAt = Date.now();
  await waitForEveryStockLevel(run, movements, 'end to end: inventory-ingest to publish every stock level');
  const doneAt = await waitForLagZero(run.admin, run.limit, 'end to end: every stock level consumer to catch up', STOCK_LEVEL_CONSUMERS);
  const seconds = (doneAt - healthyAt) / 1000;
  const result: ThroughputResult = {
    movements,
    siteItems: keys.length,
    seconds,
    perSecond: movements / seconds,
    bootSeconds: (healthyAt - launchedAt) / 1000,
    ordersRaised: await recordsOn(run.admin, topics.replenishmentOrders.name),
    deadLettered: await deadLettered(run),
  };
  return { result, services: [...downstream, ...ingest] };
}
