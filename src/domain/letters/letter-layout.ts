import { createHash } from 'node:crypto';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { formatLongDate, type IsoDate } from '../../shared/dates.ts';
import { field, fillTemplate, lines, templateFrom, type DocxTemplate, type DocxValues } from '../documents/docx-template.ts';
import type { FormStructure } from '../official-documents/form-structure.ts';

/**
 * What heads and closes every letter of a structure (issue 16): the logo if it has one, its
 * name, address, phone and e-mail, the person's address « chez » the structure, « Fait à …,
 * le … » and the responsable who signs.
 * Each kind of letter is laid out once per process with markers where what varies goes (structure,
 * person, dates, motif …), then filled in its XML for each letter, as the portal's access document
 * is (`documents/docx-template.ts`, decision 0025): laying out a whole Word document with the
 * docx library cost about 14 ms of processor a letter, too much for a page staff wait on.
 * Lines that may be missing (address lines, contact, agrément, the motif's text) are `lines`
 * markers: one paragraph per value, none without, so nothing is left empty or half-labelled.
 */

export type LetterLogo = { content: Buffer; type: 'png' | 'jpg'; width: number; height: number };

/** The structure as the official papers print it, and its logo if it has one. */
export type LetterStructure = FormStructure & { logo: LetterLogo | null };

export type LetterPerson = { sexe: 'femme' | 'homme' | 'autre' | null; nom: string; prenom: string; birthDate: IsoDate };

/** What every letter holds besides its own text. */
export type LetterBase = { structure: LetterStructure; person: LetterPerson; /** The day the letter is made. */ madeOn: IsoDate };

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'Arial';
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
const RECIPIENT_INDENT = 5103; // 9 cm: where a window envelope shows the address
/** The box the logo is fitted into, in pixels at 96 dpi (about 6 × 2.4 cm). */
const LOGO_BOX = { width: 227, height: 91 };

export const civility = (person: LetterPerson) => (person.sexe === 'femme' ? 'Madame' : person.sexe === 'homme' ? 'Monsieur' : null);
export const shortCivility = (person: LetterPerson) => (person.sexe === 'femme' ? 'Mme' : person.sexe === 'homme' ? 'M.' : null);
/** « née », « né », or « né(e) » when the record does not say. */
export const agreed = (person: LetterPerson, word: string) => (person.sexe === 'femme' ? `${word}e` : person.sexe === 'homme' ? word : `${word}(e)`);
export const fullName = (person: LetterPerson) => `${person.prenom} ${person.nom.toUpperCase()}`;
export const longDate = formatLongDate;

export const text = (value: string, options: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text: value, ...options });
export const paragraph = (...children: (string | ParagraphChild)[]) =>
  new Paragraph({ children: children.map((child) => (typeof child === 'string' ? text(child) : child)) });
export const heading = (value: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(value)] });
export const bullet = (value: string) => new Paragraph({ style: 'Bullet', children: [text(`–\u00a0${value}`)] });
/** Lines kept together, as an address is, and with what follows: its first in bold, then one paragraph per line of `rest`. */
const block = (first: string, rest: string, style: string) => [
  new Paragraph({ style, keepNext: true, children: [text(first, { bold: true })] }),
  new Paragraph({ style, keepNext: true, children: [text(rest)] }),
];

function fitted(logo: LetterLogo) {
  const scale = Math.min(1, LOGO_BOX.width / logo.width, LOGO_BOX.height / logo.height);
  return { width: Math.max(1, Math.round(logo.width * scale)), height: Math.max(1, Math.round(logo.height * scale)) };
}

function letterhead(logo: LetterLogo | null): Paragraph[] {
  const image = logo
    ? [
        new Paragraph({
          spacing: { after: 120 },
          children: [
            new ImageRun({
              type: logo.type,
              data: logo.content,
              transformation: fitted(logo),
              altText: { name: 'Logo', title: `Logo de ${field('structure')}`, description: `Logo de ${field('structure')}` },
            }),
          ],
        }),
      ]
    : [];
  return [...image, ...block(field('structure'), lines('sender_lines'), 'Sender')];
}

/**
 * The person's address as the post must write it: their name (with the civility as the
 * `recipient` of a letter, without as the `person` an attestation names), then « chez » the structure.
 */
export const postalAddress = (name: 'recipient' | 'person') => block(field(name), lines('postal_lines'), 'Recipient');

function signature(): Paragraph[] {
  return [
    new Paragraph({ style: 'Signature', spacing: { before: 360 }, children: [text(`Fait à ${field('city')}, le ${field('made_on')}`)] }),
    new Paragraph({ style: 'Signature', spacing: { before: 240 }, children: [text(field('responsable'), { bold: true })] }),
    new Paragraph({ style: 'Signature', children: [text(field('fonction'))] }),
    new Paragraph({ style: 'Signature', spacing: { after: 960 }, children: [text(field('structure'))] }),
  ];
}

const styles = {
  default: {
    document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } },
    heading1: { run: { font: FONT, size: 28, bold: true }, paragraph: { spacing: { before: 360, after: 240 }, alignment: AlignmentType.CENTER } },
    heading2: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
  },
  paragraphStyles: [
    { id: 'Sender', name: 'Expéditeur', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } },
    { id: 'Recipient', name: 'Destinataire', basedOn: 'Normal', paragraph: { indent: { left: RECIPIENT_INDENT }, spacing: { after: 0 } } },
    { id: 'Subject', name: 'Objet', basedOn: 'Normal', run: { bold: true }, paragraph: { spacing: { before: 480, after: 240 } } },
    { id: 'Bullet', name: 'Élément de liste', basedOn: 'Normal', paragraph: { indent: { left: 567, hanging: 227 } } },
    { id: 'Signature', name: 'Signature', basedOn: 'Normal', paragraph: { indent: { left: RECIPIENT_INDENT }, spacing: { after: 0 }, keepNext: true } },
  ],
};

/** A kind of letter: its title, the subject of a letter sent to the person, its body with markers. */
export type LetterLayout = { title: string; subject?: string; body: () => Paragraph[] };

/**
 * One kind of letter laid out with markers: letterhead, the recipient's address (for a letter sent
 * to the person) or none (for an attestation, handed over), the subject or title, the body, then
 * « Fait à » and the signature.
 */
async function layOut(layout: LetterLayout, logo: LetterLogo | null): Promise<DocxTemplate> {
  const opening = layout.subject
    ? [...postalAddress('recipient'), new Paragraph({ style: 'Subject', children: [text(`Objet : ${layout.subject}`)] })]
    : [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(layout.title)] })];
  const document = new Document({
    creator: field('structure'),
    title: layout.title,
    styles,
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children: [...letterhead(logo), ...opening, ...layout.body(), ...signature()],
      },
    ],
  });
  return templateFrom(await Packer.toBuffer(document));
}

// A template per kind of letter and per logo: the structures without a logo share one, and a logo
// replaced or removed is another key (its bytes' digest), so the next letter shows the new one.
// Bounded, the least recently used leaving first: a logo is at most 1 MB, kept twice (raw, deflated).
const templates = new Map<string, Promise<DocxTemplate>>();
const MAX_TEMPLATES = 24;

function templateFor(layout: LetterLayout, logo: LetterLogo | null): Promise<DocxTemplate> {
  const key = `${layout.title}\0${logo ? createHash('sha256').update(logo.content).digest('base64') : ''}`;
  let template = templates.get(key);
  if (template) templates.delete(key);
  else {
    template = layOut(layout, logo);
    template.catch(() => templates.delete(key));
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
  }
  templates.set(key, template);
  return template;
}

/** What heads and closes every letter, and the person's address, as values of the markers. */
function letterValues({ structure, person, madeOn }: LetterBase): DocxValues {
  const contact = [structure.phone ? `Tél. ${structure.phone}` : '', structure.email ?? ''].filter(Boolean).join(' – ');
  const agrement = structure.agrement ? `Organisme agréé par la ${structure.agrement.prefecture}, agrément n° ${structure.agrement.numero}` : '';
  const title = civility(person);
  return {
    structure: structure.name,
    sender_lines: [...structure.addressLines, contact, agrement].filter(Boolean),
    recipient: title ? `${title} ${fullName(person)}` : fullName(person),
    person: fullName(person),
    postal_lines: [`chez ${structure.name}`, ...structure.addressLines],
    city: structure.city,
    made_on: formatLongDate(madeOn),
    responsable: `${structure.responsable.prenom} ${structure.responsable.nom}`,
    fonction: structure.responsable.fonction,
  };
}

/** One letter of the kind `layout`, its markers filled from `base` and the letter's own `values`. */
export async function buildLetter(layout: LetterLayout, base: LetterBase, values: DocxValues, now = new Date()): Promise<Buffer> {
  return fillTemplate(await templateFor(layout, base.structure.logo), { ...letterValues(base), ...values }, now);
}
