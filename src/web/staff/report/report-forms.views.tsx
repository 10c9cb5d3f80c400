import { CsrfField, DateField, ErrorSummary, Field, SelectField } from '../../shared/components.tsx';
import type { ReportAnswersForm } from '../../../domain/report/report.service.ts';
import { FlashHere } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

/** What the period chooser shows again: the year chosen or the two dates typed, and what is wrong with them. */
export type PeriodChoice = { annee?: string; du?: string; au?: string; errors?: Record<string, string> };

/** Two ways to choose, each a form of its own that works without script (GET: a period says nothing about a person). */
export function PeriodChooser({ choice, years }: { choice: PeriodChoice; years: number[] }) {
  const errors = choice.errors ?? {};
  return (
    <section aria-labelledby="choix-periode" class="panel period-chooser">
      <h2 id="choix-periode">Période</h2>
      <ErrorSummary errors={errors} />
      <div class="period-forms">
      <form method="get" action="/statistiques" class="period-form">
        <fieldset>
          <legend>Une année civile</legend>
          <SelectField name="annee" label="Année" value={choice.annee} error={errors.annee} required options={years.map((year) => ({ value: String(year), label: String(year) }))} />
          <button type="submit">Afficher l'année</button>
        </fieldset>
      </form>
      <form method="get" action="/statistiques" class="period-form">
        <fieldset>
          <legend>Entre deux dates</legend>
          <DateField name="du" label="Du" value={choice.du} error={errors.du} required />
          <DateField name="au" label="Au (inclus)" value={choice.au} error={errors.au} required />
          <button type="submit">Afficher la période</button>
        </fieldset>
      </form>
      </div>
    </section>
  );
}

export const ANSWERS_PLACE = 'reponses';

/** The structure's own answers for the questionnaire, one year at a time. */
export function AnswersForm({ ctx, year, values, errors = {} }: { ctx: PageContext; year: number; values: ReportAnswersForm; errors?: Record<string, string> }) {
  const waiting = values.liste_attente ?? '';
  return (
    <section aria-labelledby={ANSWERS_PLACE} class="panel answers">
      <h2 id={ANSWERS_PLACE} tabIndex={-1}>
        Réponses de la structure pour {year}
      </h2>
      <FlashHere ctx={ctx} place={ANSWERS_PLACE} />
      <p class="hint">Le questionnaire annuel les demande ; la structure les saisit une fois par an. Un champ laissé vide reste « Non renseigné ».</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/statistiques/reponses">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="annee" value={String(year)} />
        <fieldset id="liste_attente" class={errors.liste_attente ? 'field-error' : undefined} aria-describedby={errors.liste_attente ? 'liste_attente-error' : undefined}>
          <legend>Y a-t-il une liste d'attente ?</legend>
          {errors.liste_attente ? (
            <p class="error" id="liste_attente-error">
              {errors.liste_attente}
            </p>
          ) : null}
          <div class="choices">
            {[
              ['', 'Non renseigné'],
              ['oui', 'Oui'],
              ['non', 'Non'],
            ].map(([value, label]) => (
              <label key={value}>
                <input type="radio" name="liste_attente" value={value} checked={waiting === value} /> {label}
              </label>
            ))}
          </div>
        </fieldset>
        <Field name="delai_moyen_jours" label="Délai moyen d'attente, en jours" value={values.delai_moyen_jours} error={errors.delai_moyen_jours} inputmode="numeric" maxLength={10} />
        <Field name="etp_salaries" label="Salariés affectés à la domiciliation, en équivalents temps plein" hint="Par exemple 1,5." value={values.etp_salaries} error={errors.etp_salaries} inputmode="decimal" maxLength={12} />
        <Field name="etp_benevoles" label="Bénévoles affectés à la domiciliation, en équivalents temps plein" hint="Par exemple 0,5." value={values.etp_benevoles} error={errors.etp_benevoles} inputmode="decimal" maxLength={12} />
        <Field name="cout_personnel" label="Coût du personnel, en euros" value={values.cout_personnel} error={errors.cout_personnel} inputmode="numeric" maxLength={20} />
        <Field name="cout_total" label="Coût total de l'activité de domiciliation, en euros" value={values.cout_total} error={errors.cout_total} inputmode="numeric" maxLength={20} />
        <button type="submit">Enregistrer les réponses de {year}</button>
      </form>
    </section>
  );
}
