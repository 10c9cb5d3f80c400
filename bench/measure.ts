import { loadavg } from 'node:os';
import autocannon from 'autocannon';

export type RequestSpec = {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Given back with the status of the answer, to follow what a request did. */
  onAnswer?: (status: number) => void;
};

export type LoadResult = {
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses per status code, plus `error` for connection errors and timeouts. */
  statuses: Record<string, number>;
  /** Load average of the machine (1 min) at the end: other programs share the cores. */
  loadAverage: number;
  /** CPU time per answered request, in the application and in PostgreSQL (when it runs here). */
  cpuPerRequest?: { appMs: number; databaseMs: number | null };
};

function percentile(sorted: number[], ratio: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(ratio * sorted.length) - 1));
  return sorted[index]!;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Fires requests from this process at `connections` concurrency for `seconds`; every request
 * comes from `next()`, so each one can target another person. Latencies are kept one by one
 * so p95 is exact (autocannon's own histogram has no p95).
 */
export async function runLoad(url: string, connections: number, seconds: number, next: () => RequestSpec, acceptEncoding: string): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const startedAt = performance.now();
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    // By default what a browser sends: the pages are compressed as they would be in real life.
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
    requests: [
      {
        onResponse: (status, _body, context) => (context as { spec?: RequestSpec }).spec?.onAnswer?.(status),
        setupRequest: (request, context) => {
          const spec = next();
          (context as { spec?: RequestSpec }).spec = spec;
          const headers = { ...request.headers, ...spec.headers };
          if (spec.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
          return { ...request, method: spec.method, path: spec.path, headers, body: spec.body };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const failed = result.errors + result.timeouts;
  if (failed > 0) statuses.error = failed;
  const elapsed = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    connections,
    requests: latencies.length,
    seconds: round(elapsed),
    rps: round(latencies.length / elapsed),
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
    statuses,
    loadAverage: round(loadavg()[0]!),
  };
}
