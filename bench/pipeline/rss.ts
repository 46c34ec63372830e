import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak resident memory of each service: the kernel's high-water mark (VmHWM) of the service's
 * own node process, read every 500 ms and once more just before it stops. A service started
 * twice (ingest alone, then end to end) reports the higher of its two peaks. Beside it, the CPU
 * time each service used over the run, a first pointer to where the time goes.
 */
export class RssSampler {
  private readonly watched = new Map<number, string>();
  private readonly peaks = new Map<string, number>();
  private readonly cpuOfProcess = new Map<number, number>();
  private readonly cpuOfStopped = new Map<string, number>();
  private readonly timer = setInterval(() => this.sampleAll(), 500);

  /** Watches the node process running `dist/services/<name>/src/main.js` (or its TypeScript source): `pid` itself, or a process below it if `pid` is a wrapper. */
  watch(name: string, pid: number): void {
    const service = serviceProcessOf(pid, `services/${name}/src/main.`);
    if (service === undefined) throw new Error(`no process running services/${name}/src/main at or below pid ${pid}`);
    this.watched.set(service, name);
    this.sample(service, name);
  }

  /** Takes a last reading of the service (its peak so far) before it stops, and stops watching it. */
  lastLook(name: string): void {
    for (const [pid, watchedName] of this.watched) {
      if (watchedName !== name) continue;
      this.sample(pid, name);
      this.cpuOfStopped.set(name, (this.cpuOfStopped.get(name) ?? 0) + (this.cpuOfProcess.get(pid) ?? 0));
      this.watched.delete(pid);
    }
  }

  /** Peak MiB and CPU seconds (user + system) per service name. */
  usage(): Map<string, { peakMiB: number; cpuSeconds: number }> {
    this.sampleAll();
    const cpu = new Map(this.cpuOfStopped);
    for (const [pid, name] of this.watched) cpu.set(name, (cpu.get(name) ?? 0) + (this.cpuOfProcess.get(pid) ?? 0));
    return new Map([...this.peaks].map(([name, kib]) => [name, { peakMiB: kib / 1024, cpuSeconds: cpu.get(name) ?? 0 }]));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sampleAll(): void {
    for (const [pid, name] of this.watched) this.sample(pid, name);
  }

  private sample(pid: number, name: string): void {
    const kib = statusField(pid, 'VmHWM');
    if (kib !== undefined) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, kib));
    const cpu = cpuSecondsOf(pid);
    if (cpu !== undefined) this.cpuOfProcess.set(pid, cpu);
  }
}

/** Fields 14 and 15 of /proc/<pid>/stat: user and system time, in clock ticks (100 a second on Linux). */
function cpuSecondsOf(pid: number): number | undefined {
  const fields = statFieldsOf(pid);
  return fields ? (Number(fields[13]) + Number(fields[14])) / 100 : undefined;
}

/** /proc/<pid>/stat split into fields; the command name (field 2) may hold spaces, so it is taken whole. */
function statFieldsOf(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const end = stat.lastIndexOf(')');
    return [
      stat.slice(0, stat.indexOf(' ')),
      stat.slice(stat.indexOf('(') + 1, end),
      ...stat
        .slice(end + 2)
        .trim()
        .split(' '),
    ];
  } catch {
    return undefined; // the process is gone
  }
}

function statusField(pid: number, field: string): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // the process is gone
  }
}

/** The process at or below `pid` (children first found) whose command line runs `entry`. */
function serviceProcessOf(pid: number, entry: string): number | undefined {
  if (commandLineOf(pid).some((arg) => arg.includes(entry))) return pid;
  for (const child of childrenOf(pid)) {
    const found = serviceProcessOf(child, entry);
    if (found !== undefined) return found;
  }
  return undefined;
}

function commandLineOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** Processes whose parent is `pid`, from /proc. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    // Field 4 of /proc/<pid>/stat is the parent pid.
    if (/^\d+$/.test(entry) && Number(statFieldsOf(Number(entry))?.[3]) === pid) children.push(Number(entry));
  }
  return children;
}
