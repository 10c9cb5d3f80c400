import type { Paragraph } from 'docx';
import type { IsoDate } from '../../shared/dates.ts';
import {
  agreed, block, bullet, buildLetter, civility, fullName, heading, longDate, paragraph, postalAddress, shortCivility, text,
  type LetterBase,
} from './letter-layout.ts';

/**
 * The words of the three letters (issue 16). They are the documents themselves, in French:
 * staff may still change them in Word before printing.
 */

/** A refusal: its reason, where the person is sent, how to appeal. */
export type RefusalLetterData = LetterBase & {
  decidedOn: IsoDate;
  /** The motif's label (« Saturation ») and what staff wrote about it. */
  motif: string;
  motifText: string | null;
  /** Where the person is sent, already worded: a typed orientation is worded by its caller. */
  orientation: string | null;
};

/** A radiation: its reason, its date, how to appeal. */
export type RadiationLetterData = LetterBase & { decidedOn: IsoDate; motif: string; motifText: string | null };

/** A proof of address for a bank or an employer, for the current valid domiciliation. */
export type PostalAttestationData = LetterBase & { start: IsoDate; end: IsoDate };

const salutation = (base: LetterBase) => `${civility(base.person) ?? 'Madame, Monsieur'},`;
const closing = (base: LetterBase) => paragraph(`Nous vous prions d'agréer, ${civility(base.person) ?? 'Madame, Monsieur'}, l'expression de nos salutations distinguées.`);

function reason(label: string, motif: string, details: string | null): Paragraph[] {
  return [paragraph(text(`${label} : `, { bold: true }), `${motif}.`), ...(details ? [paragraph(details)] : [])];
}

/** The means and time of appeal a refusal or a radiation must state. */
function appeal(base: LetterBase): Paragraph[] {
  const { responsable, name } = base.structure;
  return [
    heading('Voies et délais de recours'),
    paragraph('Si vous contestez cette décision, vous pouvez :'),
    bullet(
      `former un recours gracieux, par écrit, auprès de ${responsable.prenom} ${responsable.nom}, ${responsable.fonction}, ${name}, à l'adresse indiquée en haut de ce courrier ;`,
    ),
    bullet('former un recours contentieux devant le tribunal administratif, dans un délai de deux mois à compter de la notification de cette décision.'),
    paragraph(
      "Un recours gracieux envoyé dans ce délai de deux mois l'interrompt : vous disposez à nouveau de deux mois pour saisir le tribunal administratif " +
        "à compter de la réponse, ou, faute de réponse, deux mois après l'envoi de votre recours gracieux. " +
        'Le tribunal administratif peut aussi être saisi par internet, sur le site www.telerecours.fr.',
    ),
  ];
}

export function buildRefusalLetter(data: RefusalLetterData): Promise<Buffer> {
  const { structure } = data;
  const orientation = data.orientation
    ? [paragraph(text('Orientation : ', { bold: true }), `nous vous invitons à vous adresser à ${data.orientation}.`)]
    : [
        paragraph(
          text('Orientation : ', { bold: true }),
          "vous pouvez vous adresser au centre communal ou intercommunal d'action sociale (CCAS ou CIAS) de la commune avec laquelle vous avez un lien, " +
            'ou à un autre organisme agréé pour la domiciliation.',
        ),
      ];
  return buildLetter(data, {
    title: 'Courrier de refus',
    subject: "refus de votre demande d'élection de domicile",
    body: [
      paragraph(salutation(data)),
      paragraph(
        `Vous avez demandé à élire domicile auprès de ${structure.name}. Par une décision du ${longDate(data.decidedOn)}, ` +
          "nous ne pouvons pas donner une suite favorable à votre demande.",
      ),
      ...reason('Motif du refus', data.motif, data.motifText),
      ...orientation,
      ...appeal(data),
      closing(data),
    ],
  });
}

export function buildRadiationLetter(data: RadiationLetterData): Promise<Buffer> {
  const { structure } = data;
  return buildLetter(data, {
    title: 'Courrier de radiation',
    subject: 'fin de votre domiciliation (radiation)',
    body: [
      paragraph(salutation(data)),
      paragraph(`Par une décision du ${longDate(data.decidedOn)}, ${structure.name} a mis fin à votre élection de domicile : vous êtes ${agreed(data.person, 'radié')} à cette date.`),
      ...reason('Motif de la radiation', data.motif, data.motifText),
      paragraph(
        "À compter de cette date, votre attestation d'élection de domicile n'est plus valable et le courrier qui arrive à votre nom est retourné à son expéditeur. " +
          'Pensez à donner votre nouvelle adresse aux organismes qui vous écrivent. Vous pouvez demander une nouvelle domiciliation si votre situation le justifie.',
      ),
      ...appeal(data),
      closing(data),
    ],
  });
}

export function buildPostalAttestation(data: PostalAttestationData): Promise<Buffer> {
  const { structure, person } = data;
  const who = [shortCivility(person), fullName(person)].filter(Boolean).join(' ');
  return buildLetter(data, {
    title: 'Attestation postale',
    body: [
      paragraph(
        `${structure.name} atteste que ${who}, ${agreed(person, 'né')} le ${longDate(person.birthDate)}, est ${agreed(person, 'domicilié')} chez ${structure.name} ` +
          `du ${longDate(data.start)} au ${longDate(data.end)}, à l'adresse suivante :`,
      ),
      ...block(postalAddress(data), 'Recipient'),
      paragraph(''),
      paragraph(
        "Cette élection de domicile, prévue par les articles L. 264-1 et suivants du code de l'action sociale et des familles, " +
          'permet à la personne de recevoir son courrier à cette adresse et de la donner, notamment, à une banque, à un employeur ou à une administration.',
      ),
      paragraph('Attestation délivrée pour servir et valoir ce que de droit.'),
    ],
  });
}
