import { Fragment } from 'preact';
import { formatDateTime } from '../../../shared/dates.ts';
import { ConfirmAction, CsrfField, ErrorSummary, Field, PostButton, SelectField } from '../../shared/components.tsx';
import { MIN_PASSWORD_LENGTH } from '../../../shared/password-policy.ts';
import { roleLabels, roles, type Role } from '../../../shared/roles.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import type { Dashboard } from '../../../domain/domicilies/dashboard.service.ts';
import { DashboardFigures } from './dashboard.views.tsx';
import type { StructureMessage } from '../../../domain/structure-messages/structure-messages.service.ts';
import { TodaysMessages } from '../structure/messages.views.tsx';

const passwordRules = `Au moins ${MIN_PASSWORD_LENGTH} caractères. Espaces et tous caractères permis. Une phrase facile à retenir convient bien.`;

type DemoAccounts = { accounts: { email: string; role: Role }[]; password: string };

export function LoginPage({ ctx, error, email, demo }: { ctx: PageContext; error?: string; email?: string; demo?: DemoAccounts }) {
  return (
    <StaffLayout ctx={ctx} title="Connexion">
      <h1>Connexion des équipes</h1>
      {error ? (
        <p class="alert" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/connexion" class="panel">
        <CsrfField token={ctx.csrfToken} />
        <Field name="email" label="Adresse e-mail" type="email" value={email} required autocomplete="username" />
        <Field name="password" label="Mot de passe" type="password" required autocomplete="current-password" maxLength={256} />
        <button type="submit">Se connecter</button>
      </form>
      <p>
        Vous êtes domicilié ? <a href="/portail">Accéder au portail usager</a>.
      </p>
      {demo ? <DemoAccountsPanel demo={demo} /> : null}
    </StaffLayout>
  );
}

/** Shown outside production only, when the demo data exists. */
function DemoAccountsPanel({ demo }: { demo: DemoAccounts }) {
  return (
    <section aria-labelledby="demo" class="warning">
      <h2 id="demo">Comptes de démonstration</h2>
      <p>
        Cette installation n'est pas en production. Mot de passe de chaque compte : <span class="credential">{demo.password}</span>
      </p>
      <ul>
        {demo.accounts.map((account) => (
          <li key={account.email}>
            {account.email} ({roleLabels[account.role].toLowerCase()})
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HomePage({ ctx, dashboard, messages }: { ctx: PageContext; dashboard: Dashboard; messages: StructureMessage[] }) {
  const staff = ctx.staff!;
  return (
    <StaffLayout ctx={ctx} title="Accueil">
      <h1>Bonjour {staff.prenom}</h1>
      <p>
        Vous êtes connecté à <strong>{staff.structureName}</strong> en tant que {roleLabels[staff.role].toLowerCase()}.
      </p>
      <p>
        <a class="button" href="/domicilies">
          Rechercher un domicilié
        </a>
      </p>
      <DashboardFigures dashboard={dashboard} />
      <TodaysMessages ctx={ctx} messages={messages} />
    </StaffLayout>
  );
}

function NewPasswordFields({ errors }: { errors?: Record<string, string> }) {
  return (
    <>
      <Field name="nouveau_mot_de_passe" label="Nouveau mot de passe" type="password" required autocomplete="new-password" hint={passwordRules} error={errors?.nouveau_mot_de_passe} maxLength={256} />
      <Field name="confirmation" label="Confirmer le mot de passe" type="password" required autocomplete="new-password" error={errors?.confirmation} maxLength={256} />
    </>
  );
}

export function PasswordPage({ ctx, errors }: { ctx: PageContext; errors?: Record<string, string> }) {
  return (
    <StaffLayout ctx={ctx} title="Changer mon mot de passe">
      <h1>Changer mon mot de passe</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/mot-de-passe" class="panel">
        <CsrfField token={ctx.csrfToken} />
        <Field name="mot_de_passe_actuel" label="Mot de passe actuel" type="password" required autocomplete="current-password" error={errors?.mot_de_passe_actuel} maxLength={256} />
        <NewPasswordFields errors={errors} />
        <button type="submit">Changer mon mot de passe</button>
      </form>
    </StaffLayout>
  );
}

export function ActivationPage({ ctx, token, email, reset, errors }: { ctx: PageContext; token: string; email: string; reset: boolean; errors?: Record<string, string> }) {
  const title = reset ? 'Choisir un nouveau mot de passe' : 'Activer mon compte';
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        Choisissez le mot de passe du compte <strong>{email}</strong>.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/activation/${encodeURIComponent(token)}`} class="panel">
        <CsrfField token={ctx.csrfToken} />
        <input type="text" name="username" value={email} autocomplete="username" hidden readOnly />
        <NewPasswordFields errors={errors} />
        <button type="submit">{reset ? 'Enregistrer mon mot de passe' : 'Activer mon compte'}</button>
      </form>
    </StaffLayout>
  );
}

type StaffRow = { id: string; email: string; nom: string; prenom: string; role: Role; active: boolean; password_hash: string | null; locked_until: Date | null; last_login_at: Date | null };

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

const roleDescriptions: Record<Role, string> = {
  administrateur: 'tout, y compris les réglages de la structure et les comptes des utilisateurs.',
  gestionnaire: 'tout ce qui concerne les domiciliés, décisions de validation et de refus, suppression, imports et exports compris.',
  instructeur: 'crée et instruit les demandes, modifie les dossiers, radie, gère l’accès au portail ; ne valide ni ne refuse.',
  facteur: 'le courrier seulement : réception, distribution, passages et appels ; consulte les dossiers sans les modifier.',
};

/** What each role may do, in one line each: the choice of a role is made knowing it. */
function RoleDescriptions() {
  return (
    <section aria-labelledby="roles" class="panel">
      <h2 id="roles">Ce que permet chaque rôle</h2>
      <dl class="details">
        {(Object.keys(roleDescriptions) as Role[]).map((role) => (
          <Fragment key={role}>
            <dt>{roleLabels[role]}</dt>
            <dd>{roleDescriptions[role]}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function accountState(row: StaffRow): string {
  if (!row.active) return 'Désactivé';
  if (!row.password_hash) return 'En attente d’activation';
  if (row.locked_until && row.locked_until > new Date()) return 'Bloqué (trop de tentatives)';
  return 'Actif';
}

type UsersPageProps = { ctx: PageContext; rows: StaffRow[]; errors?: Record<string, string>; values?: Record<string, string>; activationLink?: string; resetLink?: string };

export function UsersPage({ ctx, rows, errors, values, activationLink, resetLink }: UsersPageProps) {
  return (
    <StaffLayout ctx={ctx} title="Utilisateurs">
      <h1>Utilisateurs de la structure</h1>
      <RoleDescriptions />
      {resetLink ? (
        <div class="panel" role="status">
          <p>
            Le mot de passe est réinitialisé et les sessions de la personne sont fermées. Transmettez-lui ce lien pour choisir un nouveau mot de passe (valable une heure, une seule fois) :
          </p>
          <p>
            <code>{resetLink}</code>
          </p>
        </div>
      ) : null}
      {activationLink ? (
        <div class="panel" role="status">
          <p>
            Transmettez ce lien d’activation à la personne (valable 48 heures, une seule fois) :
          </p>
          <p>
            <code>{activationLink}</code>
          </p>
        </div>
      ) : null}
      <table>
        <caption class="visually-hidden">Comptes de la structure</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse e-mail</th>
            <th scope="col">Rôle</th>
            <th scope="col">État</th>
            <th scope="col">Dernière connexion</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label="Nom">
                {row.prenom} {row.nom}
              </td>
              <td data-label="Adresse e-mail">{row.email}</td>
              <td data-label="Rôle">
                {row.active && row.id !== ctx.staff!.id ? (
                  <form method="post" action={`/utilisateurs/${row.id}/role`} class="actions">
                    <CsrfField token={ctx.csrfToken} />
                    <label class="visually-hidden" for={`role-${row.id}`}>
                      Rôle de {row.prenom} {row.nom}
                    </label>
                    <select id={`role-${row.id}`} name="role">
                      {roleOptions.map((option) => (
                        <option key={option.value} value={option.value} selected={option.value === row.role}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="button-secondary">
                      Changer le rôle<span class="visually-hidden"> de {row.prenom} {row.nom}</span>
                    </button>
                  </form>
                ) : (
                  roleLabels[row.role]
                )}
              </td>
              <td data-label="État">{accountState(row)}</td>
              <td data-label="Dernière connexion">{row.last_login_at ? formatDateTime(row.last_login_at, ctx.staff!.timezone) : 'Jamais connecté'}</td>
              <td data-label="Actions">
                {row.active && row.id !== ctx.staff!.id ? (
                  <div class="actions">
                    {!row.password_hash ? (
                      <PostButton action={`/utilisateurs/${row.id}/activation`} csrfToken={ctx.csrfToken} label="Nouveau lien d’activation" />
                    ) : (
                      <PostButton action={`/utilisateurs/${row.id}/mot-de-passe`} csrfToken={ctx.csrfToken} label={`Réinitialiser le mot de passe de ${row.prenom} ${row.nom}`} class="button-secondary" />
                    )}
                    <ConfirmAction
                      action={`/utilisateurs/${row.id}/desactiver`}
                      csrfToken={ctx.csrfToken}
                      opener={
                        <>
                          Désactiver…<span class="visually-hidden"> le compte de {row.prenom} {row.nom}</span>
                        </>
                      }
                      question={`Désactiver le compte de ${row.prenom} ${row.nom} ? La personne ne pourra plus se connecter ; ce qu'elle a enregistré reste dans les historiques.`}
                      confirm={`Oui, désactiver ${row.prenom} ${row.nom}`}
                    />
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="nouveau">Ajouter un utilisateur</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/utilisateurs" class="panel">
        <CsrfField token={ctx.csrfToken} />
        <Field name="nom" label="Nom" required value={values?.nom} error={errors?.nom} autocomplete="off" />
        <Field name="prenom" label="Prénom" required value={values?.prenom} error={errors?.prenom} autocomplete="off" />
        <Field name="email" label="Adresse e-mail" type="email" required value={values?.email} error={errors?.email} autocomplete="off" />
        <SelectField name="role" label="Rôle" required options={roleOptions} value={values?.role ?? 'instructeur'} error={errors?.role} />
        <button type="submit">Créer le compte</button>
      </form>
    </StaffLayout>
  );
}
