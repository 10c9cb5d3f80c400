import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import QRCode from 'qrcode';
import { formatDateTime, formatLongDate, isoDateIn, type IsoDate } from '../../shared/dates.ts';
import { field, fillTemplate, templateFrom, type DocxTemplate } from '../documents/docx-template.ts';

/** What every letter of a structure shares. */
type Letterhead = {
  structure: { name: string; street: string; postcode: string; city: string; phone: string | null; email: string | null };
  portalUrl: string;
};

/** Everything printed on the paper given to the domicilié. */
export type AccessDocumentInput = Letterhead & {
  domicilie: { nom: string; prenom: string; dossier_number: number };
  login: string;
  /** The temporary password as printed, in groups. */
  temporaryPassword: string;
  /** The day the document is produced, in the structure's time zone. */
  date: IsoDate;
  /** When the temporary password stops working if the person has not chosen their own before. */
  validUntil: Date;
  /** The structure's time zone, in which that moment is printed. */
  timezone: string;
};

export const DOCUMENT_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const englishDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const formatEnglishDate = (date: IsoDate) => englishDate.format(new Date(`${date}T00:00:00Z`));

// The password stops at the minute it was made, days later: the day alone would promise the whole day.
const timeOfDay = (instant: Date, timezone: string) => formatDateTime(instant, timezone).split(' à ')[1]!;

const BODY_FONT = 'Arial';
const CODE_FONT = 'Courier New';
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm

const text = (value: string, options: { bold?: boolean } = {}) => new TextRun({ text: value, bold: options.bold });
const line = (value: string, style?: string) => new Paragraph({ style, children: [text(value)] });

function credential(label: string, value: string) {
  return new Paragraph({
    style: 'Credential',
    children: [new TextRun({ text: `${label} : `, bold: true }), new TextRun({ text: value, style: 'CredentialValue' })],
  });
}

function steps(items: string[], language: string) {
  return items.map(
    (item, index) => new Paragraph({ style: 'Step', children: [new TextRun({ text: `${index + 1}. ${item}`, language: { value: language } })] }),
  );
}

function frenchInstructions(input: Letterhead) {
  return steps(
    [
      'Allez sur le lien du portail (ou scannez le code QR avec votre téléphone).',
      'Entrez votre identifiant et votre mot de passe temporaire. Les tirets peuvent être tapés ou non.',
      'À la première connexion, choisissez votre propre mot de passe. Gardez-le pour vous.',
      `Si vous perdez votre mot de passe, demandez-en un nouveau à ${input.structure.name}.`,
      'Continuez à venir en personne au moins une fois tous les trois mois : sinon votre domiciliation peut être arrêtée.',
    ],
    'fr-FR',
  );
}

function englishInstructions(input: Letterhead) {
  return steps(
    [
      'Go to the portal link (or scan the QR code with your phone).',
      'Enter your identifier (« Identifiant ») and your temporary password (« Mot de passe temporaire »). You may type the dashes or leave them out.',
      'At your first login, choose your own password. Keep it to yourself.',
      `If you lose your password, ask ${input.structure.name} for a new one.`,
      'Keep coming in person at least once every three months: otherwise your domiciliation may be ended.',
    ],
    'en-GB',
  );
}

const styles = {
  default: {
    document: { run: { font: BODY_FONT, size: 22 }, paragraph: { spacing: { after: 80 } } },
    heading1: { run: { font: BODY_FONT, size: 32, bold: true, color: '07346F' }, paragraph: { spacing: { before: 360, after: 200 } } },
    heading2: { run: { font: BODY_FONT, size: 26, bold: true, color: '07346F' }, paragraph: { spacing: { before: 280, after: 120 } } },
  },
  paragraphStyles: [
    { id: 'Sender', name: 'Expéditeur', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } },
    { id: 'Recipient', name: 'Destinataire', basedOn: 'Normal', paragraph: { indent: { left: 5670 }, spacing: { after: 0 } } },
    { id: 'Credential', name: 'Identifiant et mot de passe', basedOn: 'Normal', run: { size: 26 }, paragraph: { spacing: { before: 120, after: 120 }, indent: { left: 567 } } },
    { id: 'Step', name: 'Étape', basedOn: 'Normal', paragraph: { indent: { left: 567, hanging: 340 }, spacing: { after: 100 } } },
  ],
  characterStyles: [{ id: 'CredentialValue', name: 'Valeur à taper', run: { font: CODE_FONT, size: 32, bold: true, characterSpacing: 20 } }],
};

/** The letter laid out once per structure, with markers where the person's values go. */
async function layoutLetter(input: Letterhead): Promise<DocxTemplate> {
  const { structure } = input;
  const qrCode = await QRCode.toBuffer(input.portalUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
  const contact = [structure.phone ? `Tél. ${structure.phone}` : '', structure.email ?? ''].filter(Boolean);
  const document = new Document({
    creator: structure.name,
    title: 'Accès au portail usager',
    styles,
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children: [
          new Paragraph({ style: 'Sender', children: [text(structure.name, { bold: true })] }),
          line(structure.street, 'Sender'),
          line(`${structure.postcode} ${structure.city}`, 'Sender'),
          ...contact.map((value) => line(value, 'Sender')),
          new Paragraph({ style: 'Recipient', spacing: { before: 480 }, children: [text(field('recipient'), { bold: true })] }),
          line(`Numéro de dossier : ${field('dossier')}`, 'Recipient'),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 360 }, children: [text(`${structure.city}, le ${field('date')}`)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text('Votre accès au portail usager')] }),
          line('Sur le portail usager, vous voyez le courrier qui vous attend et les dates de votre domiciliation, depuis un téléphone ou un ordinateur.'),
          new Paragraph({
            style: 'Credential',
            children: [
              new TextRun({ text: 'Lien du portail : ', bold: true }),
              new ExternalHyperlink({ link: input.portalUrl, children: [new TextRun({ text: input.portalUrl, style: 'Hyperlink' })] }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'png',
                data: qrCode,
                transformation: { width: 130, height: 130 },
                altText: { name: 'Code QR', title: 'Code QR du portail usager', description: `Code QR qui ouvre ${input.portalUrl}` },
              }),
            ],
          }),
          credential('Identifiant', field('login')),
          credential('Mot de passe temporaire', field('password')),
          line(
            `Ce mot de passe temporaire fonctionne jusqu'à ce que vous choisissiez votre propre mot de passe, et au plus tard jusqu'au ${field('valid_fr')}. ` +
              `Ensuite il ne fonctionne plus : demandez-en un nouveau à ${structure.name}.`,
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text('Comment faire')] }),
          ...frenchInstructions(input),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'How to use it (English)', language: { value: 'en-GB' } })] }),
          ...englishInstructions(input),
          new Paragraph({
            children: [
              new TextRun({
                text:
                  `This temporary password works until you choose your own password, and at the latest until ${field('valid_en')}. ` +
                  `After that it no longer works: ask ${structure.name} for a new one.`,
                language: { value: 'en-GB' },
              }),
            ],
          }),
        ],
      },
    ],
  });
  return templateFrom(await Packer.toBuffer(document));
}

// A few structures print letters on a given day: keep the latest layouts (QR code included).
const letters = new Map<string, Promise<DocxTemplate>>();
const MAX_LAYOUTS = 100;

function letterFor(letterhead: Letterhead): Promise<DocxTemplate> {
  const key = JSON.stringify([letterhead.structure, letterhead.portalUrl]);
  let letter = letters.get(key);
  if (!letter) {
    if (letters.size >= MAX_LAYOUTS) letters.delete(letters.keys().next().value!);
    letter = layoutLetter(letterhead);
    letters.set(key, letter);
    letter.catch(() => letters.delete(key));
  }
  return letter;
}

/** The Word document (A4, styled, text as text) that staff can edit, print and hand over. */
export async function buildAccessDocument(input: AccessDocumentInput, now = new Date()): Promise<Buffer> {
  const { structure, portalUrl, domicilie } = input;
  const letter = await letterFor({ structure, portalUrl });
  return fillTemplate(
    letter,
    {
      recipient: `${domicilie.prenom} ${domicilie.nom.toUpperCase()}`,
      dossier: String(domicilie.dossier_number),
      date: formatLongDate(input.date),
      login: input.login,
      password: input.temporaryPassword,
      valid_fr: `${formatLongDate(isoDateIn(input.validUntil, input.timezone))} à ${timeOfDay(input.validUntil, input.timezone)}`,
      valid_en: `${formatEnglishDate(isoDateIn(input.validUntil, input.timezone))} at ${timeOfDay(input.validUntil, input.timezone)}`,
    },
    now,
  );
}
