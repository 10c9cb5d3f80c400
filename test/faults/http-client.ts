/**
 * A browser stand-in over real HTTP (fetch): keeps cookies, reads the CSRF token of the forms
 * it is shown and sends it back, as a person's browser would.
 */
export type HttpAnswer = { status: number; body: string; location: string | null };

export class HttpClient {
  readonly #cookies = new Map<string, string>();
  #csrf: string | undefined;

  constructor(readonly base: string) {}

  async get(path: string): Promise<HttpAnswer> {
    return this.#request('GET', path);
  }

  /** Posts a form with the CSRF token of the last form seen (a page is read first when none was). */
  async post(path: string, form: Record<string, string>): Promise<HttpAnswer> {
    if (!this.#csrf) await this.get(path.startsWith('/portail') ? '/portail/connexion' : '/connexion');
    return this.#request('POST', path, new URLSearchParams({ _csrf: this.#csrf ?? '', ...form }).toString());
  }

  async login(email: string, password: string): Promise<void> {
    await this.get('/connexion');
    const answer = await this.post('/connexion', { email, password });
    if (answer.status !== 303) throw new Error(`login of ${email} failed with ${answer.status}`);
  }

  async #request(method: string, path: string, body?: string): Promise<HttpAnswer> {
    const headers: Record<string, string> = { cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', origin: this.base });
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = /max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie) || value.join('=') === '';
      if (expired) this.#cookies.delete(name!.trim());
      else this.#cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.#csrf = token;
    return { status: response.status, body: text, location: response.headers.get('location') };
  }
}
