import { CsrfField, ErrorSummary, Field, OuiNon } from '../../shared/components.tsx';
import { structureTypeLabels, type Structure } from '../../../domain/structures/structures.service.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { OfficialFieldsSection, type OfficialFieldsForm } from './official-fields.views.tsx';
import { LogoSection, type LogoForm } from './logo.views.tsx';
import type { LogoSummary } from '../../../domain/structures/logo.service.ts';
import { NoticesSection, type StructureNotices } from './notices.views.tsx';
import { MessagesLink } from './messages.views.tsx';

function Details({ structure }: { structure: Structure }) {
  return (
    <dl class="details">
      <dt>Nom</dt>
      <dd>{structure.name}</dd>
      <dt>Type</dt>
      <dd>{structureTypeLabels[structure.type]}</dd>
      <dt>Adresse</dt>
      <dd>
        {structure.street}, {structure.postcode} {structure.city}
      </dd>
      <dt>Téléphone</dt>
      <dd>{structure.phone || 'Non renseigné'}</dd>
      <dt>Adresse e-mail</dt>
      <dd>{structure.email || 'Non renseignée'}</dd>
      <dt>Horaires d'ouverture</dt>
      <dd>{structure.opening_hours || 'Non renseignés'}</dd>
    </dl>
  );
}

function DetailsForm({ ctx, structure, errors, values }: { ctx: PageContext; structure: Structure; errors?: Record<string, string>; values?: Record<string, string> }) {
  const value = (name: keyof Structure & string) => values?.[name] ?? (structure[name] as string | null) ?? '';
  return (
    <form method="post" action="/structure" class="panel" aria-labelledby="coordonnees">
      <CsrfField token={ctx.csrfToken} />
      <ErrorSummary errors={errors} />
      <Field name="name" label="Nom" required value={value('name')} error={errors?.name} />
      <Field name="street" label="Adresse (numéro et rue)" required value={value('street')} error={errors?.street} autocomplete="street-address" />
      <Field name="postcode" label="Code postal" required value={value('postcode')} error={errors?.postcode} inputmode="numeric" autocomplete="postal-code" maxLength={5} />
      <Field name="city" label="Ville" required value={value('city')} error={errors?.city} autocomplete="address-level2" />
      <Field name="phone" label="Téléphone" type="tel" value={value('phone')} error={errors?.phone} autocomplete="tel" />
      <Field name="email" label="Adresse e-mail" type="email" value={value('email')} error={errors?.email} autocomplete="email" />
      <Field name="opening_hours" label="Horaires d'ouverture" value={value('opening_hours')} error={errors?.opening_hours} hint="Par exemple : du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h." maxLength={500} />
      <button type="submit">Enregistrer les informations de la structure</button>
    </form>
  );
}

function PortalSettingsForm({ ctx, structure, readOnly }: { ctx: PageContext; structure: Structure; readOnly: boolean }) {
  const fields = (
    <>
      <OuiNon name="portal_enabled" legend="Activer le portail usager" value={structure.portal_enabled} disabled={readOnly} />
      <OuiNon
        name="portal_login_updates_last_visit"
        legend="Mettre à jour la date de dernier passage à chaque connexion au portail"
        value={structure.portal_login_updates_last_visit}
        disabled={readOnly}
      />
    </>
  );
  return (
    <section aria-labelledby="portail-usager" class="panel">
      <h2 id="portail-usager">Portail usager</h2>
      {readOnly ? (
        <>
          <p>Seul un administrateur de la structure peut modifier ces réglages.</p>
          {fields}
        </>
      ) : (
        <form method="post" action="/structure/portail">
          <CsrfField token={ctx.csrfToken} />
          {fields}
          <button type="submit">Enregistrer les modifications</button>
        </form>
      )}
    </section>
  );
}

type StructurePageProps = {
  ctx: PageContext;
  structure: Structure;
  /** The details form sent back with its errors. */
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** The official fields' form sent back with its errors. */
  official?: OfficialFieldsForm;
  /** The logo printed on the letters, null when none was sent. */
  logo: LogoSummary | null;
  /** The logo's form sent back with its error. */
  logoForm?: LogoForm;
  /** The month's notices and their hour; the page shown again after another form's error goes without. */
  notices?: StructureNotices;
};

export function StructurePage({ ctx, structure, errors, values, official, logo, logoForm, notices }: StructurePageProps) {
  const isAdmin = ctx.staff?.role === 'administrateur';
  return (
    <StaffLayout ctx={ctx} title="Ma structure">
      <h1>Ma structure</h1>
      <PortalSettingsForm ctx={ctx} structure={structure} readOnly={!isAdmin} />
      <section aria-labelledby="coordonnees">
        <h2 id="coordonnees">Informations de la structure</h2>
        {isAdmin ? <DetailsForm ctx={ctx} structure={structure} errors={errors} values={values} /> : <Details structure={structure} />}
      </section>
      <OfficialFieldsSection ctx={ctx} structure={structure} isAdmin={isAdmin} form={official} />
      <LogoSection ctx={ctx} logo={logo} isAdmin={isAdmin} form={logoForm} />
      {notices ? <NoticesSection notices={notices} /> : null}
      <MessagesLink ctx={ctx} />
      {isAdmin ? (
        <section aria-labelledby="import-titre">
          <h2 id="import-titre">Reprendre vos domiciliés</h2>
          <p>
            Vos domiciliés sont dans un tableur ? <a href="/imports">Importer des domiciliés</a> depuis un fichier .xlsx ou .csv au format du modèle.
          </p>
        </section>
      ) : null}
    </StaffLayout>
  );
}
