import type { TestClient } from './client.ts';

type FilePart = { name: string; fileName: string; contentType: string; content: Buffer };

/** A multipart form as a browser sends an upload: the fields, then the file. */
export function multipartBody(fields: Record<string, string>, file: FilePart | null) {
  const boundary = `----formulaire${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a file as the client's browser would: its cookies and, unless `csrf: false`, its form token. */
export async function postFile(client: TestClient, url: string, file: FilePart | null, options: { csrf?: boolean } = {}) {
  if (!client.cookies.has('csrf')) await client.get('/healthz');
  const { body, contentType } = multipartBody(options.csrf === false ? {} : { _csrf: client.csrfToken }, file);
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await client.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': contentType }, payload: body });
  // Kept as the browser keeps them: the flash message of the redirect rides on a cookie.
  for (const set of response.cookies as { name: string; value: string; maxAge?: number }[]) {
    if (set.maxAge === 0 || set.value === '') client.cookies.delete(set.name);
    else client.cookies.set(set.name, set.value);
  }
  return response;
}
