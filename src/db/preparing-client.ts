import { sql } from 'kysely';
import pg from 'pg';

/** Statements kept prepared per connection; shapes beyond (long searches, say) run unnamed. */
export const MAX_PREPARED_PER_CONNECTION = 300;

/**
 * A pg client that prepares each parameterised statement once per connection. PostgreSQL then
 * parses it once, and after five executions keeps a generic plan when it costs no more than
 * planning anew: planning the session lookup cost many times its run (decision 0011).
 * Statements whose best plan depends on the values (a LIKE prefix, say) keep being planned
 * with them, as before.
 * Statements without parameters (BEGIN, migrations of several statements) stay simple queries.
 */
const PLANNED_WITH_VALUES = '/* planned with its values */';

/**
 * Ends a statement whose best plan depends on its values (a LIKE pattern, the size of the
 * structure): it is never prepared, so PostgreSQL never settles on a generic plan for it.
 * A generic plan for the name search assumed an average structure and was far slower in the
 * biggest one (decision 0011).
 */
export const plannedWithValues = sql.raw(PLANNED_WITH_VALUES);

/** pg's client settings, plus the connection to talk through when it is not a socket (PGlite). */
export type PreparingClientConfig = pg.ClientConfig & { openConnection?: () => unknown };

export class PreparingClient extends pg.Client {
  /** Names given on this client's connection: a new client is a new session, with none prepared. */
  readonly #names = new Map<string, string>();

  constructor(config: PreparingClientConfig = {}) {
    super(config.openConnection ? ({ ...config, connection: config.openConnection() } as pg.ClientConfig) : config);
    // A connection lost while the client is lent out (the server restarting) is also reported
    // as an 'error' event, which would end the process without a listener. Its queries have
    // already failed with the cause, and the pool drops the client when it is given back.
    this.on('error', () => {});
  }

  // pg's query() has a dozen overloads; only (text, values[, callback]) calls are changed.
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && !text.endsWith(PLANNED_WITH_VALUES)) {
      const name = this.#nameOf(text);
      if (name) return super.query({ name, text, values }, callback);
    }
    return (super.query as (...rest: unknown[]) => unknown)(...args);
  }

  #nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known || this.#names.size >= MAX_PREPARED_PER_CONNECTION) return known;
    const name = `s${this.#names.size + 1}`;
    this.#names.set(text, name);
    return name;
  }
}
