import { Gauge, Histogram, Registry } from 'prom-client';
import { parsePrometheusText, samplesNamed } from './prometheus-text';

describe('reading Prometheus text', () => {
  it('reads what prom-client writes: labels, escapes, histograms, and skips HELP and TYPE', async () => {
    const registry = new Registry();
    const lag = new Gauge({
      name: 'kafka_consumergroup_lag',
      help: 'lag',
      labelNames: ['consumergroup', 'topic', 'partition'],
      registers: [registry],
    });
    lag.set({ consumergroup: 'smi-replenishment', topic: 'smi.stock-levels.v1', partition: '0' }, 42);
    lag.set({ consumergroup: 'smi-replenishment', topic: 'smi.stock-levels.v1', partition: '1' }, 0);
    const odd = new Gauge({ name: 'smi_dead_letter_records', help: 'dlq', labelNames: ['topic'], registers: [registry] });
    odd.set({ topic: 'a "quoted" \\ topic\nwith a line' }, 3);
    const histogram = new Histogram({ name: 'smi_batch_records', help: 'batch', buckets: [1, 10], registers: [registry] });
    histogram.observe(5);

    const { samples, problems } = parsePrometheusText(await registry.metrics());

    expect(problems).toEqual([]);
    expect(samplesNamed(samples, 'kafka_consumergroup_lag')).toEqual([
      {
        name: 'kafka_consumergroup_lag',
        labels: { consumergroup: 'smi-replenishment', topic: 'smi.stock-levels.v1', partition: '0' },
        value: 42,
      },
      {
        name: 'kafka_consumergroup_lag',
        labels: { consumergroup: 'smi-replenishment', topic: 'smi.stock-levels.v1', partition: '1' },
        value: 0,
      },
    ]);
    expect(samplesNamed(samples, 'smi_dead_letter_records')).toEqual([
      { name: 'smi_dead_letter_records', labels: { topic: 'a "quoted" \\ topic\nwith a line' }, value: 3 },
    ]);
    expect(samplesNamed(samples, 'smi_batch_records_bucket').map((s) => [s.labels.le, s.value])).toEqual([
      ['1', 0],
      ['10', 1],
      ['+Inf', 1],
    ]);
  });

  it('reads special values, exponents and timestamps', () => {
    const { samples, problems } = parsePrometheusText(
      ['a NaN', 'b +Inf', 'c -Inf 1700000000000', 'd{x="1",} 1.5e3', 'e { x = "2" } -0.25', ''].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(samples.map((s) => [s.name, s.value])).toEqual([
      ['a', NaN],
      ['b', Infinity],
      ['c', -Infinity],
      ['d', 1500],
      ['e', -0.25],
    ]);
    expect(samples[4].labels).toEqual({ x: '2' });
  });

  it('reports a line that is not a sample instead of guessing, and keeps the others', () => {
    const { samples, problems } = parsePrometheusText('good 1\n{x="1"} 2\nbad{x="1" 3\nworse{x="1"} lots\nok 4 5 6\nfine 7');
    expect(samples.map((s) => s.name)).toEqual(['good', 'fine']);
    expect(problems).toEqual([
      'line 2 is not a sample: {x="1"} 2',
      'line 3 is not a sample: bad{x="1" 3',
      'line 4 is not a sample: worse{x="1"} lots',
      'line 5 is not a sample: ok 4 5 6',
    ]);
  });
});
