import { formatDate } from '../../../shared/dates.ts';
import type { DecisionHistory } from '../../../domain/decisions/decisions.service.ts';
import { letterChoices } from '../../../domain/letters/letters.service.ts';
import type { IncompleteWords } from './official-documents.views.tsx';

export type LetterKind = 'refus' | 'radiation' | 'attestationPostale';

export const letterUrls = {
  refus: (domicilieId: string, decisionId: string) => `/domicilies/${domicilieId}/decisions/${decisionId}/courrier-refus`,
  radiation: (domicilieId: string, decisionId: string) => `/domicilies/${domicilieId}/decisions/${decisionId}/courrier-radiation`,
  attestationPostale: (domicilieId: string) => `/domicilies/${domicilieId}/attestation-postale`,
};

const LETTER_NEEDS = 'Ce document reprend ces informations sur votre structure, qui ne sont pas encore renseignées dans « Ma structure » :';

export const letterIncompleteWords: Record<LetterKind, IncompleteWords> = {
  refus: { heading: 'Le courrier de refus ne peut pas encore être imprimé', intro: LETTER_NEEDS },
  radiation: { heading: 'Le courrier de radiation ne peut pas encore être imprimé', intro: LETTER_NEEDS },
  attestationPostale: { heading: "L'attestation postale ne peut pas encore être imprimée", intro: LETTER_NEEDS },
};


/**
 * The Word letters of the « Documents officiels » section: a courrier for each refusal and each
 * radiation that stands, the attestation postale while the domiciliation is valid.
 */
export function LetterLinks({ domicilieId, decisions }: { domicilieId: string; decisions: DecisionHistory }) {
  const choices = letterChoices(decisions);
  if (!choices.postalAttestation && choices.refusals.length === 0 && choices.radiations.length === 0) return null;
  return (
    <ul aria-label="Courriers">
      {choices.postalAttestation ? (
        <li>
          <a href={letterUrls.attestationPostale(domicilieId)} download>
            Attestation postale
          </a>{' '}
          (Word, à modifier avant d'imprimer, pour une banque ou un employeur)
        </li>
      ) : null}
      {choices.refusals.map((decision) => (
        <li key={decision.id}>
          <a href={letterUrls.refus(domicilieId, decision.id)} download>
            Courrier de refus du {formatDate(decision.decided_on)}
          </a>{' '}
          (Word, à modifier avant d'imprimer)
        </li>
      ))}
      {choices.radiations.map((decision) => (
        <li key={decision.id}>
          <a href={letterUrls.radiation(domicilieId, decision.id)} download>
            Courrier de radiation du {formatDate(decision.decided_on)}
          </a>{' '}
          (Word, à modifier avant d'imprimer)
        </li>
      ))}
    </ul>
  );
}
