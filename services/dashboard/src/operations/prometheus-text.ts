/**
 * Reads the Prometheus text exposition format (version 0.0.4), as every service's `/metrics`
 * writes it with prom-client, into samples. prom-client only writes the format, so the operator
 * page reads it here: `# HELP` and `# TYPE` lines and comments are skipped, label values are
 * unescaped, and a line that is not a sample is reported, not guessed at.
 */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  /** NaN, +Inf and -Inf come as the numbers they stand for. */
  value: number;
}

export interface ParsedExposition {
  samples: MetricSample[];
  /** Lines that were neither a comment nor a sample, with their line number (1-based). */
  problems: string[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

export function parsePrometheusText(text: string): ParsedExposition {
  const samples: MetricSample[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const sample = sampleOf(line);
    if (sample) samples.push(sample);
    else problems.push(`line ${i + 1} is not a sample: ${line.slice(0, 120)}`);
  });
  return { samples, problems };
}

function sampleOf(line: string): MetricSample | undefined {
  const name = NAME.exec(line)?.[0];
  if (!name) return undefined;
  let rest = line.slice(name.length).trimStart();
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const read = labelsOf(rest);
    if (!read) return undefined;
    labels = read.labels;
    rest = rest.slice(read.length);
  }
  // The value, then an optional timestamp in milliseconds, which the page has no use for.
  const [valueText, timestamp, ...extra] = rest.trim().split(/\s+/);
  if (valueText === undefined || valueText === '' || extra.length > 0) return undefined;
  if (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) return undefined;
  const value = numberOf(valueText);
  return value === undefined ? undefined : { name, labels, value };
}

/** `{a="1",b="x\"y"}` at the start of text: the labels and how many characters they took. */
function labelsOf(text: string): { labels: Record<string, string>; length: number } | undefined {
  const labels: Record<string, string> = {};
  let at = 1;
  const skipSpaces = () => {
    while (text[at] === ' ' || text[at] === '\t') at++;
  };
  for (;;) {
    skipSpaces();
    if (text[at] === '}') return { labels, length: at + 1 };
    const name = LABEL_NAME.exec(text.slice(at))?.[0];
    if (!name) return undefined;
    at += name.length;
    skipSpaces();
    if (text[at] !== '=') return undefined;
    at++;
    skipSpaces();
    if (text[at] !== '"') return undefined;
    at++;
    let value = '';
    for (;;) {
      const char = text[at];
      if (char === undefined) return undefined;
      at++;
      if (char === '"') break;
      if (char !== '\\') {
        value += char;
        continue;
      }
      const escaped = text[at++];
      if (escaped === 'n') value += '\n';
      else if (escaped === '\\' || escaped === '"') value += escaped;
      else return undefined;
    }
    labels[name] = value;
    skipSpaces();
    if (text[at] === ',') at++;
    else if (text[at] !== '}') return undefined;
  }
}

function numberOf(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** The samples of one metric name. */
export const samplesNamed = (samples: readonly MetricSample[], name: string): MetricSample[] => samples.filter((s) => s.name === name);
