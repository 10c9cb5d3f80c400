import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';

/** What the applications' routes are given. */
export type AppDeps = { config: Config; database: Database };
