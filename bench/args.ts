/** Command-line options of `npm run bench`. */
export type Scale = 'small' | 'large';
export type EngineName = 'pglite' | 'postgres';

export type BenchArgs = {
  scale: Scale;
  engine: EngineName;
  seed: number;
  /** Seconds per measurement and concurrency. */
  duration: number;
  connections: number[];
  check: boolean;
  startCluster: boolean;
  /** Regenerate even when a dataset with the same seed and scale exists. */
  fresh: boolean;
  /** Only generate (or reuse) the dataset, measure nothing. */
  generateOnly: boolean;
  /** Substrings of measurement keys to run; empty = all. */
  only: string[];
  /** PostgreSQL: log the plans of statements slower than this many ms during the run (auto_explain); null = off. */
  explain: number | null;
  /** Write a V8 CPU profile of the application under .tmp/bench-profiles. */
  profile: boolean;
  /** The accept-encoding header of the load ('' = none): compression costs the server CPU. */
  acceptEncoding: string;
};

const usage = `usage: npm run bench -- [options]
  --scale small|large        dataset size (default small)
  --engine pglite|postgres   database engine (default pglite; postgres uses DATABASE_URL)
  --start-cluster            with --engine postgres: start a private cluster under .tmp/bench-pg
  --seed N                   dataset seed (default 1)
  --duration S               seconds per measurement and concurrency (default: 10 at large scale, else 5, or 2 with --check)
  --connections 1,8          concurrency levels (default 1,8)
  --check                    verify the answers; exit 1 when one is wrong or a route fails (5xx)
  --fresh                    regenerate the dataset even if it already exists
  --generate-only            generate (or reuse) the dataset and stop
  --only a,b                 run only the measurements whose key contains one of these words
  --explain [MS]             PostgreSQL: log the plans of statements slower than MS ms (default 5) in the server log (auto_explain)
  --profile                  write a CPU profile of the application (.tmp/bench-profiles/*.cpuprofile)
  --accept-encoding VALUE    accept-encoding of the load (default "gzip, deflate, br" as a browser; "none" for none)`;

export function parseArgs(argv: string[]): BenchArgs {
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`argument inattendu « ${arg} »\n${usage}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'help') {
      console.log(usage);
      process.exit(0);
    }
    const next = argv[i + 1];
    if (inline !== undefined) values.set(name, inline);
    else if (next !== undefined && !next.startsWith('--')) values.set(name, (i++, next));
    else values.set(name, true);
  }
  const text = (name: string, fallback: string) => {
    const value = values.get(name);
    return typeof value === 'string' ? value : fallback;
  };
  const scale = text('scale', 'small');
  const engine = text('engine', 'pglite');
  if (scale !== 'small' && scale !== 'large') throw new Error(`--scale doit valoir small ou large\n${usage}`);
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`--engine doit valoir pglite ou postgres\n${usage}`);
  const check = values.has('check');
  const seed = Number(text('seed', '1'));
  if (!Number.isInteger(seed) || seed < 0 || seed > 1_000_000) throw new Error('--seed doit être un entier entre 0 et 1000000');
  const duration = Number(text('duration', scale === 'large' ? '10' : check ? '2' : '5'));
  if (!(duration > 0)) throw new Error('--duration doit être un nombre de secondes positif');
  const connections = text('connections', '1,8').split(',').map(Number);
  if (connections.some((value) => !Number.isInteger(value) || value < 1)) throw new Error('--connections attend des entiers, par exemple 1,8');
  const known = new Set(['scale', 'engine', 'seed', 'duration', 'connections', 'check', 'start-cluster', 'fresh', 'generate-only', 'only', 'explain', 'profile', 'accept-encoding']);
  for (const name of values.keys()) if (!known.has(name)) throw new Error(`option inconnue --${name}\n${usage}`);
  return {
    scale,
    engine,
    seed,
    duration,
    connections,
    check,
    startCluster: values.has('start-cluster'),
    fresh: values.has('fresh'),
    generateOnly: values.has('generate-only'),
    only: text('only', '').split(',').filter(Boolean),
    explain: values.has('explain') ? Number(text('explain', '5')) : null,
    profile: values.has('profile'),
    acceptEncoding: text('accept-encoding', 'gzip, deflate, br').replace(/^none$/, ''),
  };
}
