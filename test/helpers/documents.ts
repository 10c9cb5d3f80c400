import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { TestClient } from './client.ts';
import { multipartBody } from './multipart.ts';

/**
 * A small whole PDF (one empty page), its cross-reference at the offsets it names; `padding`
 * bytes of comment lines make it as heavy as a test needs.
 */
export function pdfDocument(padding = 0): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let text = '%PDF-1.4\n';
  const comment = `%${'x'.repeat(98)}\n`;
  text += comment.repeat(Math.ceil(padding / comment.length));
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(text, 'latin1'));
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text, 'latin1');
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

export type DocumentFile = { fileName: string; contentType: string; content: Buffer };

export const pdfFile = (content = pdfDocument(), fileName = 'document.pdf'): DocumentFile => ({ fileName, contentType: 'application/pdf', content });

/** Sends the « Ajouter un document » form as a browser does: title, portal box, file, token. */
export async function postDocument(client: TestClient, domicilieId: string, fields: { titre?: string; portail?: boolean }, file: DocumentFile | null, options: { csrf?: boolean } = {}) {
  if (!client.cookies.has('csrf')) await client.get('/healthz');
  const form: Record<string, string> = {};
  if (options.csrf !== false) form._csrf = client.csrfToken;
  if (fields.titre !== undefined) form.titre = fields.titre;
  if (fields.portail) form.portail = 'oui';
  const { body, contentType } = multipartBody(form, file ? { name: 'fichier', ...file } : null);
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await client.app.inject({ method: 'POST', url: `/domicilies/${domicilieId}/documents`, headers: { cookie, 'content-type': contentType }, payload: body });
  for (const set of response.cookies as { name: string; value: string; maxAge?: number }[]) {
    if (set.maxAge === 0 || set.value === '') client.cookies.delete(set.name);
    else client.cookies.set(set.name, set.value);
  }
  return response;
}

/** The id of the newest document of the person, read from the database. */
export async function newestDocumentId(db: Kysely<DB>, domicilieId: string): Promise<string> {
  const row = await db.selectFrom('person_documents').select('id').where('domicilie_id', '=', domicilieId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return row.id;
}
