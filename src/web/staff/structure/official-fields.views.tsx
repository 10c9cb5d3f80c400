import { CsrfField, DateField, ErrorSummary, Field } from '../../shared/components.tsx';
import {
  holdsAgrement,
  holdsCommuneArrondissement,
  officialFieldMaxLengths,
  POSTAL_ADDRESS_MAX_LINES,
  type OfficialFieldName,
} from '../../../domain/structures/official-fields.ts';
import { missingForOfficialForms, type Structure } from '../../../domain/structures/structures.service.ts';
import { formatDate } from '../../../shared/dates.ts';
import { missingFieldWords } from '../staff.words.ts';
import type { PageContext } from '../staff-context.ts';

export type OfficialFieldsForm = { errors: Record<string, string>; values: Record<string, string> };

/** What the attestation still needs, each linked to its field for the administrateur who fills it. */
function MissingFields({ structure, linked }: { structure: Structure; linked: boolean }) {
  const missing = missingForOfficialForms(structure);
  if (missing.length === 0) return null;
  return (
    <div class="warning">
      <p>L'attestation d'élection de domicile ne peut pas être imprimée tant que ces informations manquent :</p>
      <ul>
        {missing.map((field) => (
          <li key={field.id}>{linked ? <a href={`#${field.id}`}>{missingFieldWords(field)}</a> : missingFieldWords(field)}</li>
        ))}
      </ul>
    </div>
  );
}

function Responsable({ structure }: { structure: Structure }) {
  const name = [structure.responsable_prenom, structure.responsable_nom].filter(Boolean).join(' ');
  if (!name) return <>Non renseigné</>;
  return <>{structure.responsable_fonction ? `${name}, ${structure.responsable_fonction}` : name}</>;
}

function Agrement({ structure }: { structure: Structure }) {
  const parts = [
    structure.agrement_prefecture,
    structure.agrement_numero && `n° ${structure.agrement_numero}`,
    structure.agrement_fin && `jusqu'au ${formatDate(structure.agrement_fin)}`,
  ].filter(Boolean);
  return <>{parts.length > 0 ? parts.join(', ') : 'Non renseigné'}</>;
}

function OfficialDetails({ structure }: { structure: Structure }) {
  return (
    <dl class="details">
      <dt>Responsable</dt>
      <dd>
        <Responsable structure={structure} />
      </dd>
      {holdsAgrement(structure.type) ? (
        <>
          <dt>Agrément de la préfecture</dt>
          <dd>
            <Agrement structure={structure} />
          </dd>
        </>
      ) : null}
      {holdsCommuneArrondissement(structure.type) ? (
        <>
          <dt>Commune ou arrondissement</dt>
          <dd>{structure.commune_arrondissement || 'Non renseigné'}</dd>
        </>
      ) : null}
      <dt>Adresse postale pour le courrier</dt>
      <dd class="comment">{structure.postal_address || "La même que l'adresse de l'accueil"}</dd>
    </dl>
  );
}

function OfficialForm({ ctx, structure, form }: { ctx: PageContext; structure: Structure; form?: OfficialFieldsForm }) {
  const value = (name: OfficialFieldName) => form?.values[name] ?? structure[name] ?? '';
  const error = (name: OfficialFieldName) => form?.errors[name];
  const text = (name: Exclude<OfficialFieldName, 'agrement_fin'>) => ({ name, value: value(name), error: error(name), maxLength: officialFieldMaxLengths[name] });
  return (
    <form method="post" action="/structure/formulaires-officiels" class="panel" aria-labelledby="formulaires-officiels">
      <CsrfField token={ctx.csrfToken} />
      <ErrorSummary errors={form?.errors} />
      <fieldset>
        <legend>Responsable de la structure</legend>
        <Field {...text('responsable_nom')} label="Nom du responsable" autocomplete="off" />
        <Field {...text('responsable_prenom')} label="Prénom du responsable" autocomplete="off" />
        <Field {...text('responsable_fonction')} label="Fonction du responsable" hint="Par exemple : Directrice du CCAS, Président de l'association." />
      </fieldset>
      {holdsAgrement(structure.type) ? (
        <fieldset>
          <legend>Agrément de la préfecture</legend>
          <Field {...text('agrement_prefecture')} label="Préfecture qui a délivré l'agrément" hint="Par exemple : Préfecture du Rhône." />
          <Field {...text('agrement_numero')} label="Numéro d'agrément" code />
          <DateField name="agrement_fin" label="Fin de l'agrément" value={value('agrement_fin')} error={error('agrement_fin')} />
        </fieldset>
      ) : null}
      {holdsCommuneArrondissement(structure.type) ? (
        <Field
          {...text('commune_arrondissement')}
          label="Commune ou arrondissement"
          hint="Seulement si votre commune est divisée en arrondissements, par exemple : Lyon 7e arrondissement."
        />
      ) : null}
      <Field
        {...text('postal_address')}
        label="Adresse postale pour le courrier"
        multiline
        hint={`Seulement si le courrier doit être envoyé ailleurs qu'à l'adresse de l'accueil : une ligne de l'enveloppe par ligne, ${POSTAL_ADDRESS_MAX_LINES} lignes au plus.`}
      />
      <button type="submit">Enregistrer les informations des formulaires</button>
    </form>
  );
}

/** « Pour les formulaires officiels »: filled by an administrateur, read by everyone else. */
export function OfficialFieldsSection({ ctx, structure, isAdmin, form }: { ctx: PageContext; structure: Structure; isAdmin: boolean; form?: OfficialFieldsForm }) {
  return (
    <section aria-labelledby="formulaires-officiels">
      <h2 id="formulaires-officiels">Pour les formulaires officiels</h2>
      <p>L'attestation d'élection de domicile et les courriers reprennent ces informations.</p>
      <MissingFields structure={structure} linked={isAdmin} />
      {isAdmin ? <OfficialForm ctx={ctx} structure={structure} form={form} /> : <OfficialDetails structure={structure} />}
    </section>
  );
}
