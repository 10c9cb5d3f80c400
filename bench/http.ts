/** A small browser stand-in for the checks and the set-up: cookies, CSRF field, no redirects followed. */
export type Form = Record<string, string | number | string[] | undefined>;
export type Reply = { status: number; location: string | null; contentType: string; body: Buffer; text: string };

export function encodeForm(form: Form): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString();
}

export class HttpClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: 'GET' | 'POST', path: string, options: { form?: Form; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...options.headers };
    let body: string | undefined;
    if (method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = encodeForm({ _csrf: this.csrfToken, ...options.form });
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const reply = {
      status: response.status,
      location: response.headers.get('location'),
      contentType: response.headers.get('content-type') ?? '',
      body: bytes,
      text: bytes.toString('utf8'),
    };
    const token = /name="_csrf"\s+value="([^"]+)"/.exec(reply.text)?.[1];
    if (token) this.csrfToken = token;
    return reply;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }

  post(path: string, form: Form = {}, headers?: Record<string, string>) {
    return this.request('POST', path, { form, headers });
  }

  /** Gets the CSRF cookie and token from a page that shows a form. */
  async prepare(path = '/connexion') {
    await this.get(path);
    if (!this.csrfToken) throw new Error(`pas de jeton CSRF dans ${path}`);
  }
}
