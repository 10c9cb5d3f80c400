import type { Paragraph } from 'docx';
import { field, lines } from '../documents/docx-template.ts';
import type { IsoDate } from '../../shared/dates.ts';
import {
  agreed, bullet, buildLetter, civility, fullName, heading, longDate, paragraph, postalAddress, shortCivility, text,
  type LetterBase, type LetterLayout,
} from './letter-layout.ts';

/**
 * The words of the three letters (issue 16). They are the documents themselves, in French:
 * staff may still change them in Word before printing. Each layout is written once with markers
 * (`field`, `lines`); each build function gives the values of one letter.
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

const salutation = () => paragraph(`${field('civility')},`);
const closing = () => paragraph(`Nous vous prions d'agréer, ${field('civility')}, l'expression de nos salutations distinguées.`);

/** The motif, then what staff wrote about it when they did. */
const reason = (label: string) => [paragraph(text(`${label} : `, { bold: true }), `${field('motif')}.`), paragraph(lines('motif_text'))];

/** The means and time of appeal a refusal or a radiation must state. */
function appeal(): Paragraph[] {
  return [
    heading('Voies et délais de recours'),
    paragraph('Si vous contestez cette décision, vous pouvez :'),
    bullet(
      `former un recours gracieux, par écrit, auprès de ${field('responsable')}, ${field('fonction')}, ${field('structure')}, à l'adresse indiquée en haut de ce courrier ;`,
    ),
    bullet('former un recours contentieux devant le tribunal administratif, dans un délai de deux mois à compter de la notification de cette décision.'),
    paragraph(
      "Un recours gracieux envoyé dans ce délai de deux mois l'interrompt : vous disposez à nouveau de deux mois pour saisir le tribunal administratif " +
        "à compter de la réponse, ou, faute de réponse, deux mois après l'envoi de votre recours gracieux. " +
        'Le tribunal administratif peut aussi être saisi par internet, sur le site www.telerecours.fr.',
    ),
  ];
}

/** What a refusal and a radiation print of the decision and of the person. */
const decisionValues = (data: LetterBase & { decidedOn: IsoDate; motif: string; motifText: string | null }) => ({
  civility: civility(data.person) ?? 'Madame, Monsieur',
  decided_on: longDate(data.decidedOn),
  motif: data.motif,
  motif_text: data.motifText ? [data.motifText] : [],
});

const refusal: LetterLayout = {
  title: 'Courrier de refus',
  subject: "refus de votre demande d'élection de domicile",
  body: () => [
    salutation(),
    paragraph(
      `Vous avez demandé à élire domicile auprès de ${field('structure')}. Par une décision du ${field('decided_on')}, ` +
        'nous ne pouvons pas donner une suite favorable à votre demande.',
    ),
    ...reason('Motif du refus'),
    paragraph(text('Orientation : ', { bold: true }), field('orientation')),
    ...appeal(),
    closing(),
  ],
};

export function buildRefusalLetter(data: RefusalLetterData): Promise<Buffer> {
  const orientation = data.orientation
    ? `nous vous invitons à vous adresser à ${data.orientation}.`
    : "vous pouvez vous adresser au centre communal ou intercommunal d'action sociale (CCAS ou CIAS) de la commune avec laquelle vous avez un lien, " +
      'ou à un autre organisme agréé pour la domiciliation.';
  return buildLetter(refusal, data, { ...decisionValues(data), orientation });
}

const radiation: LetterLayout = {
  title: 'Courrier de radiation',
  subject: 'fin de votre domiciliation (radiation)',
  body: () => [
    salutation(),
    paragraph(`Par une décision du ${field('decided_on')}, ${field('structure')} a mis fin à votre élection de domicile : vous êtes ${field('radie')} à cette date.`),
    ...reason('Motif de la radiation'),
    paragraph(
      "À compter de cette date, votre attestation d'élection de domicile n'est plus valable et le courrier qui arrive à votre nom est retourné à son expéditeur. " +
        'Pensez à donner votre nouvelle adresse aux organismes qui vous écrivent. Vous pouvez demander une nouvelle domiciliation si votre situation le justifie.',
    ),
    ...appeal(),
    closing(),
  ],
};

export function buildRadiationLetter(data: RadiationLetterData): Promise<Buffer> {
  return buildLetter(radiation, data, { ...decisionValues(data), radie: agreed(data.person, 'radié') });
}

const postalAttestation: LetterLayout = {
  title: 'Attestation postale',
  body: () => [
    paragraph(
      `${field('structure')} atteste que ${field('who')}, ${field('born')} le ${field('birth_date')}, est ${field('domicilie')} chez ${field('structure')} ` +
        `du ${field('start')} au ${field('end')}, à l'adresse suivante :`,
    ),
    ...postalAddress('person'),
    paragraph(''),
    paragraph(
      "Cette élection de domicile, prévue par les articles L. 264-1 et suivants du code de l'action sociale et des familles, " +
        'permet à la personne de recevoir son courrier à cette adresse et de la donner, notamment, à une banque, à un employeur ou à une administration.',
    ),
    paragraph('Attestation délivrée pour servir et valoir ce que de droit.'),
  ],
};

export function buildPostalAttestation(data: PostalAttestationData): Promise<Buffer> {
  const { person } = data;
  return buildLetter(postalAttestation, data, {
    who: [shortCivility(person), fullName(person)].filter(Boolean).join(' '),
    born: agreed(person, 'né'),
    birth_date: longDate(person.birthDate),
    domicilie: agreed(person, 'domicilié'),
    start: longDate(data.start),
    end: longDate(data.end),
  });
}
