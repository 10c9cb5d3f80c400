import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (100 on Linux). */
const TICKS = 100;

/** User + system CPU time of one process, in ms (0 when it is gone). */
function processCpuMs(pid: number): { ms: number; parent: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces, sit after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS, parent: Number(fields[1]) };
  } catch {
    return { ms: 0, parent: 0 };
  }
}

/**
 * CPU spent by the application process, and by the PostgreSQL server when it runs here
 * (the postmaster and its backends): divided by the requests of a run, it gives the cost of
 * one request whatever else the machine is doing.
 */
export function cpuMeter(appPid: number, postmasterPidFile: string | null) {
  const postmaster = postmasterPidFile && existsSync(postmasterPidFile) ? Number(readFileSync(postmasterPidFile, 'utf8').split('\n')[0]) : null;
  /** CPU per process of the server: backends come and go with the application's connection pool. */
  const databaseSnapshot = () => {
    const snapshot = new Map<number, number>();
    if (!postmaster) return snapshot;
    snapshot.set(postmaster, processCpuMs(postmaster).ms);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const process = processCpuMs(Number(entry));
      if (process.parent === postmaster) snapshot.set(Number(entry), process.ms);
    }
    return snapshot;
  };
  return () => {
    const app = processCpuMs(appPid).ms;
    const database = databaseSnapshot();
    return {
      app,
      database,
      /** CPU spent since `earlier` by the processes alive now (a backend that exited meanwhile was idle). */
      databaseSince(earlier: { database: Map<number, number> }): number | null {
        if (!postmaster) return null;
        let spent = 0;
        for (const [pid, ms] of database) spent += Math.max(0, ms - (earlier.database.get(pid) ?? 0));
        return spent;
      },
    };
  };
}
