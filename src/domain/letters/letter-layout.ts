import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { formatLongDate, type IsoDate } from '../../shared/dates.ts';
import type { FormStructure } from '../official-documents/form-structure.ts';

/**
 * What heads and closes every letter of a structure (issue 16): the logo if it has one, its
 * name, address, phone and e-mail, the person's address « chez » the structure, « Fait à …,
 * le … » and the responsable who signs. A letter is built whole with the docx library each time:
 * it is printed a few times a day, unlike the portal's access document, which keeps a template.
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
/** Lines kept together, as an address is. */
export const block = (lines: string[], style: string) => lines.map((line, index) => new Paragraph({ style, keepNext: index < lines.length - 1, children: [text(line, { bold: index === 0 })] }));

function fitted(logo: LetterLogo) {
  const scale = Math.min(1, LOGO_BOX.width / logo.width, LOGO_BOX.height / logo.height);
  return { width: Math.max(1, Math.round(logo.width * scale)), height: Math.max(1, Math.round(logo.height * scale)) };
}

function letterhead(structure: LetterStructure): Paragraph[] {
  const logo = structure.logo
    ? [
        new Paragraph({
          spacing: { after: 120 },
          children: [
            new ImageRun({
              type: structure.logo.type,
              data: structure.logo.content,
              transformation: fitted(structure.logo),
              altText: { name: 'Logo', title: `Logo de ${structure.name}`, description: `Logo de ${structure.name}` },
            }),
          ],
        }),
      ]
    : [];
  const contact = [structure.phone ? `Tél. ${structure.phone}` : '', structure.email ?? ''].filter(Boolean).join(' – ');
  const agrement = structure.agrement ? `Organisme agréé par la ${structure.agrement.prefecture}, agrément n° ${structure.agrement.numero}` : '';
  return [...logo, ...block([structure.name, ...structure.addressLines, contact, agrement].filter(Boolean), 'Sender')];
}

/** The person's address as the post must write it: their name, then « chez » the structure. */
export const postalAddress = (base: LetterBase) => [fullName(base.person), `chez ${base.structure.name}`, ...base.structure.addressLines];

function recipient(base: LetterBase): Paragraph[] {
  const title = civility(base.person);
  const [name, ...rest] = postalAddress(base);
  return block([title ? `${title} ${name}` : name!, ...rest], 'Recipient');
}

function signature({ structure, madeOn }: LetterBase): Paragraph[] {
  const { responsable } = structure;
  return [
    new Paragraph({ style: 'Signature', spacing: { before: 360 }, children: [text(`Fait à ${structure.city}, le ${formatLongDate(madeOn)}`)] }),
    new Paragraph({ style: 'Signature', spacing: { before: 240 }, children: [text(`${responsable.prenom} ${responsable.nom}`, { bold: true })] }),
    new Paragraph({ style: 'Signature', children: [text(responsable.fonction)] }),
    new Paragraph({ style: 'Signature', spacing: { after: 960 }, children: [text(structure.name)] }),
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

/**
 * One letter: letterhead, the recipient's address (for a letter sent to the person) or none
 * (for an attestation, handed over), the subject or title, `body`, then « Fait à » and the signature.
 */
export async function buildLetter(base: LetterBase, content: { title: string; subject?: string; body: Paragraph[] }): Promise<Buffer> {
  const opening = content.subject
    ? [...recipient(base), new Paragraph({ style: 'Subject', children: [text(`Objet : ${content.subject}`)] })]
    : [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(content.title)] })];
  const document = new Document({
    creator: base.structure.name,
    title: content.title,
    styles,
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children: [...letterhead(base.structure), ...opening, ...content.body, ...signature(base)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
