import { operationsViewOf, type ServiceObservation } from './operations-view';

const metricsOf = (lines: string[]) => ({ ok: true as const, value: lines.join('\n') + '\n' });
const none = (message: string) => ({ ok: false as const, message });

const replenishment: ServiceObservation = {
  service: 'replenishment',
  health: { ok: true, value: { service: 'replenishment', status: 'up', database: 'up', kafka: 'up' } as never },
  metrics: metricsOf([
    '# HELP kafka_consumergroup_lag lag',
    '# TYPE kafka_consumergroup_lag gauge',
    'kafka_consumergroup_lag{consumergroup="smi-replenishment",topic="smi.stock-levels.v1",partition="1"} 0',
    'kafka_consumergroup_lag{consumergroup="smi-replenishment",topic="smi.stock-levels.v1",partition="0"} 7',
    'kafka_consumergroup_lag_sum{consumergroup="smi-replenishment",topic="smi.stock-levels.v1"} 7',
    'smi_outbox_depth 3',
    'smi_dead_letter_records{topic="smi.dead-letter.replenishment"} 2',
  ]),
  deadLetters: {
    ok: true,
    value: [
      {
        id: '2',
        topic: 'smi.stock-levels.v1',
        key: 'b|s|i',
        reason: 'unit KG is not the line unit EA',
        failedAt: '2026-03-02T10:00:00Z',
        replayedAt: null,
      },
    ],
  },
};

const shipment: ServiceObservation = {
  service: 'shipment',
  health: { ok: true, value: { status: 'down', database: 'up', kafka: 'down' } },
  metrics: metricsOf([
    'kafka_consumergroup_lag{consumergroup="smi-shipment",topic="smi.replenishment-orders.v1",partition="0"} 120',
    'smi_outbox_depth 0',
  ]),
  deadLetters: { ok: true, value: [] },
};

const forecasting: ServiceObservation = {
  service: 'forecasting',
  health: none('connect ECONNREFUSED 127.0.0.1:3002'),
  metrics: none('answered 404'),
  deadLetters: none('connect ECONNREFUSED 127.0.0.1:3002'),
};

describe('the operator page', () => {
  const view = operationsViewOf([replenishment, shipment, forecasting]);

  it('lists every service with its health, outbox depth, lag and dead letters, in the order asked', () => {
    expect(view.services).toEqual([
      { service: 'replenishment', status: 'up', database: 'up', kafka: 'up', outboxDepth: 3, lag: 7, deadLetters: 2 },
      { service: 'shipment', status: 'down', database: 'up', kafka: 'down', outboxDepth: 0, lag: 120, deadLetters: null },
      {
        service: 'forecasting',
        status: 'unreachable',
        database: 'unknown',
        kafka: 'unknown',
        outboxDepth: null,
        lag: null,
        deadLetters: null,
        metricsUnavailable: 'answered 404',
      },
    ]);
  });

  it('lists lag per group and topic with each partition, most behind first, from the per-partition gauge only', () => {
    expect(view.lag).toEqual([
      {
        service: 'shipment',
        group: 'smi-shipment',
        topic: 'smi.replenishment-orders.v1',
        lag: 120,
        partitions: [{ partition: 0, lag: 120 }],
      },
      {
        service: 'replenishment',
        group: 'smi-replenishment',
        topic: 'smi.stock-levels.v1',
        lag: 7,
        partitions: [
          { partition: 0, lag: 7 },
          { partition: 1, lag: 0 },
        ],
      },
    ]);
  });

  it('gives each service its dead-letter topics with counts and its latest records, or says why not', () => {
    expect(view.deadLetters[0]).toEqual({
      service: 'replenishment',
      topics: [{ topic: 'smi.dead-letter.replenishment', records: 2 }],
      latest: replenishment.deadLetters.ok ? replenishment.deadLetters.value : [],
    });
    expect(view.deadLetters[2]).toEqual({
      service: 'forecasting',
      topics: [],
      latest: [],
      latestUnavailable: 'connect ECONNREFUSED 127.0.0.1:3002',
      metricsUnavailable: 'answered 404',
    });
  });
});
