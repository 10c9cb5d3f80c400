import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hmac } from '../../src/shared/random.ts';
import type { Role } from '../../src/shared/roles.ts';
import { TEST_SECRET } from './test-app.ts';

type Form = Record<string, string | string[] | undefined>;

function encode(form: Form): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  return params.toString();
}

/** A browser stand-in over app.inject(): keeps cookies and fills the CSRF field of forms. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get csrfToken(): string {
    return hmac(TEST_SECRET, `csrf:${this.cookies.get('csrf') ?? ''}`);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a form as a browser would; `csrf: false` sends it without the token. */
  async post(url: string, form: Form = {}, options: { csrf?: boolean } = {}) {
    if (!this.cookies.has('csrf')) await this.get('/healthz');
    const body = options.csrf === false ? form : { _csrf: this.csrfToken, ...form };
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: encode(body),
      }),
    );
  }

  /** Logs in a staff member; throws when the login does not succeed. */
  async login(email: string, password: string) {
    const response = await this.post('/connexion', { email, password });
    if (response.statusCode !== 303) throw new Error(`login of ${email} failed with ${response.statusCode}`);
    return response;
  }
}

/** Clients logged in as each staff member of a team, created on first use. */
export function teamClients(app: FastifyInstance, team: Record<Role, { email: string }>, password: string) {
  const clients = new Map<Role, TestClient>();
  return async function as(role: Role): Promise<TestClient> {
    let client = clients.get(role);
    if (!client) {
      client = new TestClient(app);
      await client.login(team[role].email, password);
      clients.set(role, client);
    }
    return client;
  };
}
