import { portalSessions } from './checks.ts';
import type { HttpClient } from './http.ts';

/** A whole PDF of about 1 MB: a header, comment lines, one page, its cross-reference and trailer. */
function onePdfMegabyte(): Buffer {
  let text = '%PDF-1.4\n' + `%${'b'.repeat(98)}\n`.repeat(10_480);
  const offsets: number[] = [];
  for (const body of ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']) {
    offsets.push(text.length);
    text += `${offsets.length} 0 obj\n${body}\nendobj\n`;
  }
  const xref = text.length;
  text += `xref\n0 4\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  return Buffer.from(`${text}trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1');
}

const TITLE = 'Banc : document de 1 Mo';
const documentLink = (domicilieId: string) => new RegExp(`/domicilies/${domicilieId}/documents/([0-9a-f-]{36})"`);

/**
 * Before « document-download »: each person gets one shared 1 MB document, sent by staff through
 * the fiche's form as a browser does, then logs in to the portal. Documents of an earlier run are
 * deleted first: they were sealed with that run's key (bench/server.ts), which this server lacks.
 * Returns each person's session and download address.
 */
export async function shareDocuments(baseUrl: string, staff: HttpClient, people: { login: string; domicilieId: string }[], log: (message: string) => void) {
  log(`Documents de 1 Mo partagés avec ${people.length} personnes…`);
  const content = onePdfMegabyte();
  const downloads: { cookie: string; path: string }[] = [];
  for (const person of people) {
    const tabPath = `/domicilies/${person.domicilieId}/documents`;
    const earlier = (await staff.get(tabPath)).text.matchAll(new RegExp(`action="(${tabPath}/[0-9a-f-]{36}/supprimer)"`, 'g'));
    for (const [, action] of earlier) await staff.post(action!, { confirmation: 'oui' });
    const form = new FormData();
    form.append('_csrf', staff.csrfToken);
    form.append('titre', TITLE);
    form.append('portail', 'oui');
    form.append('fichier', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), 'banc.pdf');
    const sent = await fetch(`${baseUrl}${tabPath}`, { method: 'POST', headers: { cookie: staff.cookieHeader() }, body: form, redirect: 'manual' });
    if (sent.status !== 303) throw new Error(`envoi du document refusé (${sent.status})`);
    const id = documentLink(person.domicilieId).exec((await staff.get(tabPath)).text)?.[1];
    const [cookie] = await portalSessions(baseUrl, [person.login]);
    if (id && cookie) downloads.push({ cookie, path: `/portail/documents/${id}` });
  }
  return downloads;
}
