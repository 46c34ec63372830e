/**
 * Where Postgres spends its time while a benchmark runs: samples `pg_stat_activity` every 20 ms
 * and counts, per statement (its first words) and wait event, how often a backend was busy on it.
 * A sampling profile of the database's work by statement, from the outside, needing no extension.
 *
 *   DATABASE_URL=postgres://smi:smi@localhost:15432/smi node_modules/.bin/node -r @swc-node/register bench/postgres-activity.ts [seconds] [database-prefix]
 *
 * Run it beside `npm run bench:pipeline` (for example for the end-to-end phase); the prefix keeps
 * other databases on the server out of the count (default `smi_bench`).
 */
import { Client } from 'pg';

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 60);
  const prefix = process.argv[3] ?? 'smi_bench';
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const busy = new Map<string, number>();
  let samples = 0;
  let busyBackends = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const { rows } = await client.query<{ query: string; wait: string | null }>(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query, wait_event_type || ':' || wait_event AS wait
         FROM pg_stat_activity
        WHERE state = 'active' AND datname LIKE $1 || '%' AND pid <> pg_backend_pid()`,
      [prefix],
    );
    samples++;
    busyBackends += rows.length;
    for (const row of rows) {
      const key = `${row.wait ?? 'CPU'}  ${row.query}`;
      busy.set(key, (busy.get(key) ?? 0) + 1);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await client.end();
  console.log(`${samples} samples over ${seconds} s; on average ${(busyBackends / samples).toFixed(2)} backends busy`);
  console.log('share of busy samples  wait event (CPU: none)  statement');
  for (const [key, count] of [...busy].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${((count / Math.max(1, busyBackends)) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
