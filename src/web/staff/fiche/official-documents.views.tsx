import { formatDate } from '../../../shared/dates.ts';
import type { FicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import type { DecisionHistory } from '../../../domain/decisions/decisions.service.ts';
import { attestableDecisions } from '../../../domain/official-documents/attestation.service.ts';
import { pendingRequest } from '../../../domain/official-documents/demande.service.ts';
import type { MissingField } from '../../../domain/structures/structures.service.ts';
import { missingFieldWords } from '../staff.words.ts';
import { FicheLayout } from './fiche-layout.tsx';
import { LetterLinks } from './letters.views.tsx';
import type { PageContext } from '../staff-context.ts';

const attestationUrl = (domicilieId: string, decisionId: string) => `/domicilies/${domicilieId}/decisions/${decisionId}/attestation`;

/**
 * The official documents of the « Dossier » tab: the demande of a request under instruction, the
 * attestation of each valide decision, newest first, then the letters.
 */
export function OfficialDocuments({ domicilieId, decisions }: { domicilieId: string; decisions: DecisionHistory }) {
  const attestable = attestableDecisions(decisions);
  return (
    <section aria-labelledby="documents-officiels">
      <h2 id="documents-officiels">Documents officiels</h2>
      {pendingRequest(decisions) ? (
        <p>
          <a href={`/domicilies/${domicilieId}/demande`} download>
            Demande d'élection de domicile
          </a>{' '}
          (PDF, CERFA n° 16029*01, préremplie, à compléter et signer par la personne)
        </p>
      ) : null}
      {attestable.length === 0 ? (
        <p>L'attestation d'élection de domicile (CERFA n° 16030*01) s'imprime dès que la domiciliation est validée.</p>
      ) : (
        <ul>
          {attestable.map((decision, index) => (
            <li key={decision.id}>
              <a href={attestationUrl(domicilieId, decision.id)} download>
                Attestation d'élection de domicile du {formatDate(decision.start_date)} au {formatDate(decision.end_date)}
              </a>{' '}
              (PDF, CERFA n° 16030*01{index === 0 ? ', décision en cours' : ''})
            </li>
          ))}
        </ul>
      )}
      <LetterLinks domicilieId={domicilieId} decisions={decisions} />
    </section>
  );
}

/** The heading and first sentence of the page, for the document asked for. */
export type IncompleteWords = { heading: string; intro: string };

const FORM_NEEDS = 'Le formulaire officiel demande ces informations sur votre structure, qui ne sont pas encore renseignées dans « Ma structure » :';
export const attestationWords: IncompleteWords = { heading: "L'attestation ne peut pas encore être imprimée", intro: FORM_NEEDS };
export const demandeWords: IncompleteWords = { heading: 'La demande ne peut pas encore être imprimée', intro: FORM_NEEDS };

/** What « Ma structure » lacks before the official form (or a letter, `words`) can be printed, each with the way to fill it. */
export function StructureIncompletePage({ ctx, domicilie, missing, words }: { ctx: PageContext; domicilie: FicheHeader; missing: MissingField[]; words: IncompleteWords }) {
  const administrateur = ctx.staff?.role === 'administrateur';
  return (
    <FicheLayout ctx={ctx} domicilie={domicilie} tab="dossier">
      <section class="alert" role="alert" aria-labelledby="structure-incomplete">
        <h2 id="structure-incomplete">{words.heading}</h2>
        <p>{words.intro}</p>
        <ul>
          {missing.map((field) => (
            <li key={field.id}>{administrateur ? <a href={`/structure#${field.id}`}>{missingFieldWords(field)}</a> : missingFieldWords(field)}</li>
          ))}
        </ul>
        {administrateur ? null : <p>Demandez à un administrateur de votre structure de les compléter.</p>}
      </section>
      <p>
        <a href={`/domicilies/${domicilie.id}`}>Revenir au dossier</a>
      </p>
    </FicheLayout>
  );
}
