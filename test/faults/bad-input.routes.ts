import type { FieldKind } from './bad-input.payloads.ts';

/** The ids of the world the campaign runs in (structure A, with one record of each kind). */
export type Fixture = {
  domicilieId: string;
  /** A domicilié whose portal access the campaign switches on and off. */
  accessDomicilieId: string;
  /** A domicilié of another structure. */
  foreignDomicilieId: string;
  colleagueId: string;
  /** A colleague the campaign may deactivate. */
  deactivatedColleagueId: string;
  procurationId: string;
  activationToken: string;
};

export type Form = Record<string, string | string[]>;

export type CampaignRoute = {
  /** Who the route is for: they get every payload; other callers get a few. */
  audience: 'public' | 'staff' | 'portal';
  params?: (f: Fixture) => Record<string, string>;
  query?: Record<string, FieldKind>;
  body?: Record<string, FieldKind>;
  /** Valid values of the fields: each payload replaces one of them. */
  form?: (f: Fixture) => Form;
  /** What a good answer is: an HTML page in French (default), a Word document, JSON or a static file. */
  answer?: 'page' | 'document' | 'json' | 'file';
  /** The request closes the caller's session: a new one is opened after it. */
  endsSession?: boolean;
  /** Fields shaped like another field of the route (the 2nd to 8th ayant droit): a few payloads each. */
  repeatedFields?: RegExp;
  /** For a portal account that still has its temporary password. */
  temporaryPortal?: boolean;
};

const id = (f: Fixture) => ({ id: f.domicilieId });
const NO_IMPORT = '7d1f0c9e-3b2a-4c5d-8e6f-9a0b1c2d3e4f';
const NO_DOCUMENT = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const NO_MESSAGE = '3c9a1f7e-5d2b-4e8a-9c6f-1b0d2e3f4a5b';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

const identity: Record<string, FieldKind> = {
  nom: 'text', prenom: 'text', surnom: 'text', sexe: 'choice', date_naissance: 'date', lieu_naissance: 'text',
  nationalite: 'text', langue: 'text', telephone: 'text', email: 'email', reference: 'text', avis_email: 'choice', avis_sms: 'choice',
  ...Object.fromEntries(
    Array.from({ length: 8 }, (_, index) => [
      [`ayant_droit_${index}_nom`, 'text'],
      [`ayant_droit_${index}_prenom`, 'text'],
      [`ayant_droit_${index}_date_naissance`, 'date'],
      [`ayant_droit_${index}_lien`, 'choice'],
    ]).flat(),
  ),
};
const identityForm = () => ({ nom: 'Martin', prenom: 'Jean', date_naissance: '02/11/1970', ayant_droit_0_nom: 'Martin', ayant_droit_0_prenom: 'Léa', ayant_droit_0_date_naissance: '01/02/2015', ayant_droit_0_lien: 'enfant' });
const otherAyantsDroit = /^ayant_droit_[1-7]_/;
const search: Record<string, FieldKind> = { statut: 'choice', echeance: 'choice', passage: 'choice', courrier: 'choice', page: 'count' };

/** Every route of the application, with its fields and their kinds. A route missing here fails the campaign. */
export const campaignRoutes: Record<string, CampaignRoute> = {
  'GET /': { audience: 'public' },
  'GET /*': { audience: 'public', params: () => ({ '*': 'static/app.css' }), answer: 'file' },
  'GET /healthz': { audience: 'public', answer: 'json' },
  'GET /connexion': { audience: 'public' },
  'POST /connexion': { audience: 'public', body: { email: 'email', password: 'secret' }, form: () => ({ email: 'personne@inconnu.test', password: 'pas le bon' }) },
  'POST /deconnexion': { audience: 'public', endsSession: true },
  'GET /activation/:token': { audience: 'public', params: (f) => ({ token: f.activationToken }) },
  'POST /activation/:token': {
    audience: 'public',
    params: (f) => ({ token: f.activationToken }),
    body: { nouveau_mot_de_passe: 'secret', confirmation: 'secret' },
    form: () => ({ nouveau_mot_de_passe: 'Une phrase de passe solide', confirmation: 'Une autre phrase de passe' }),
  },
  'GET /accueil': { audience: 'staff' },
  'GET /mot-de-passe': { audience: 'staff' },
  'POST /mot-de-passe': {
    audience: 'staff',
    body: { mot_de_passe_actuel: 'secret', nouveau_mot_de_passe: 'secret', confirmation: 'secret' },
    form: () => ({ mot_de_passe_actuel: 'pas le bon', nouveau_mot_de_passe: 'Une phrase de passe solide', confirmation: 'Une phrase de passe solide' }),
  },
  'GET /structure': { audience: 'staff' },
  'POST /structure': {
    audience: 'staff',
    body: { name: 'text', street: 'text', postcode: 'text', city: 'text', phone: 'text', email: 'email', opening_hours: 'text' },
    form: () => ({ name: 'Accueil de jour', street: '1 place de la Mairie', postcode: '69001', city: 'Lyon' }),
  },
  'POST /structure/formulaires-officiels': {
    audience: 'staff',
    body: {
      responsable_nom: 'text', responsable_prenom: 'text', responsable_fonction: 'text', agrement_prefecture: 'text', agrement_numero: 'text',
      agrement_fin: 'date', commune_arrondissement: 'text', postal_address: 'multiline',
    },
    form: () => ({ responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice', commune_arrondissement: 'Lyon 1er arrondissement', postal_address: 'CCAS\nBP 12\n69001 Lyon' }),
  },
  'GET /structure/logo': { audience: 'staff', answer: 'file' },
  // The upload itself is multipart: the campaign's plain forms and hostile bodies must all be turned away cleanly.
  'POST /structure/logo': { audience: 'staff' },
  'POST /structure/logo/supprimer': { audience: 'staff', body: { confirmation: 'choice' }, form: () => ({ confirmation: 'oui' }) },
  // « Importer des domiciliés »: an import no one started (the campaign sends no file).
  'GET /imports': { audience: 'staff' },
  'GET /imports/modele.xlsx': { audience: 'staff', answer: 'file' },
  'GET /imports/exemple.xlsx': { audience: 'staff', answer: 'file' },
  'POST /imports': { audience: 'staff' },
  'GET /imports/:id': { audience: 'staff', params: () => ({ id: NO_IMPORT }) },
  'GET /imports/:id/erreurs.xlsx': { audience: 'staff', params: () => ({ id: NO_IMPORT }) },
  'POST /imports/:id/confirmer': { audience: 'staff', params: () => ({ id: NO_IMPORT }) },
  'POST /imports/:id/abandonner': { audience: 'staff', params: () => ({ id: NO_IMPORT }) },
  'GET /structure/avis-aux-domicilies': { audience: 'staff' },
  'POST /structure/avis-aux-domicilies': { audience: 'staff', body: { heure_notification: 'choice' }, form: () => ({ heure_notification: '8' }) },
  // « Messages aux domiciliés »: a message no one wrote for the edit and delete routes (404, or already deleted).
  'GET /structure/messages': { audience: 'staff' },
  'POST /structure/messages': { audience: 'staff', body: { texte: 'multiline', date_debut: 'date', date_fin: 'date' }, form: () => ({ texte: 'Fermeture exceptionnelle le 24 décembre.', date_debut: day(0), date_fin: day(2) }) },
  'GET /structure/messages/:id/modifier': { audience: 'staff', params: () => ({ id: NO_MESSAGE }) },
  'POST /structure/messages/:id': { audience: 'staff', params: () => ({ id: NO_MESSAGE }), body: { texte: 'multiline', date_debut: 'date', date_fin: 'date' }, form: () => ({ texte: 'Nouveaux horaires.', date_debut: day(0), date_fin: day(2) }) },
  'POST /structure/messages/:id/supprimer': { audience: 'staff', params: () => ({ id: NO_MESSAGE }), body: { confirmation: 'choice' }, form: () => ({ confirmation: 'oui' }) },
  'POST /structure/portail': { audience: 'staff', body: { portal_enabled: 'choice', portal_login_updates_last_visit: 'choice' }, form: () => ({ portal_enabled: 'oui', portal_login_updates_last_visit: 'non' }) },
  'GET /utilisateurs': { audience: 'staff' },
  'POST /utilisateurs': { audience: 'staff', body: { nom: 'text', prenom: 'text', email: 'email', role: 'choice' }, form: () => ({ nom: 'Petit', prenom: 'Lou', email: 'lou.petit@test.example', role: 'facteur' }) },
  'POST /utilisateurs/:id/role': { audience: 'staff', params: (f) => ({ id: f.colleagueId }), body: { role: 'choice' }, form: () => ({ role: 'gestionnaire' }) },
  'POST /utilisateurs/:id/activation': { audience: 'staff', params: (f) => ({ id: f.colleagueId }) },
  'POST /utilisateurs/:id/mot-de-passe': { audience: 'staff', params: (f) => ({ id: f.colleagueId }) },
  'POST /utilisateurs/:id/desactiver': { audience: 'staff', params: (f) => ({ id: f.deactivatedColleagueId }) },
  'GET /domicilies': { audience: 'staff', query: search },
  'POST /domicilies': { audience: 'staff', body: { q: 'text', ...search }, form: () => ({ q: 'dupont' }) },
  'POST /domicilies/effacer': { audience: 'staff' },
  // « Statistiques »: the yearly answers and the report's download.
  'GET /statistiques': { audience: 'staff' },
  'POST /statistiques/reponses': {
    audience: 'staff',
    body: { annee: 'text', liste_attente: 'choice', delai_moyen_jours: 'text', etp_salaries: 'text', etp_benevoles: 'text', cout_personnel: 'text', cout_total: 'text' },
    form: () => ({ annee: '2025', liste_attente: 'oui', delai_moyen_jours: '12', etp_salaries: '1,5' }),
  },
  'POST /statistiques/rapport.xlsx': { audience: 'staff', body: { du: 'date', au: 'date' }, form: () => ({ du: '01/01/2025', au: '31/12/2025' }), answer: 'document' },
  'GET /domicilies/export': { audience: 'staff' },
  'POST /domicilies/export': { audience: 'staff', body: { statut: 'choice', echeance: 'choice', passage: 'choice', courrier: 'choice', confirmation: 'choice' }, form: () => ({ confirmation: 'oui' }), answer: 'document' },
  'GET /domicilies/nouveau': { audience: 'staff' },
  'POST /domicilies/nouveau': { audience: 'staff', body: { ...identity, confirmer_doublon: 'choice' }, repeatedFields: otherAyantsDroit, form: () => ({ ...identityForm(), confirmer_doublon: 'oui' }) },
  'GET /domicilies/:id': { audience: 'staff', params: id },
  'POST /domicilies/:id': { audience: 'staff', params: id, body: identity, repeatedFields: otherAyantsDroit, form: identityForm },
  'GET /domicilies/:id/modifier': { audience: 'staff', params: id },
  'GET /domicilies/:id/historique': { audience: 'staff', params: id },
  'GET /domicilies/:id/entretien': { audience: 'staff', params: id },
  'POST /domicilies/:id/entretien': {
    audience: 'staff',
    params: id,
    body: {
      composition_menage: 'choice', lien_commune: 'choice', lien_commune_autre: 'text', situation_residentielle: 'choice', situation_residentielle_autre: 'text',
      cause_instabilite: 'choice', cause_instabilite_autre: 'text', motif_demande: 'choice', motif_demande_autre: 'text', accompagnement: 'choice',
      accompagnement_par: 'text', situation_pro: 'choice', situation_pro_autre: 'text', revenus: 'choice', revenus_nature: 'text', orientation: 'choice',
      orientation_par: 'text', domiciliation_existante: 'choice', commentaires: 'multiline',
    },
    form: () => ({ situation_pro: 'AUTRE', situation_pro_autre: 'Saisonnier', revenus: 'OUI', commentaires: 'Vu le 2 décembre' }),
  },
  'POST /domicilies/:id/supprimer': { audience: 'staff', params: id, body: { confirmation: 'choice' }, form: () => ({ confirmation: 'oui' }) },
  'POST /domicilies/:id/decisions': {
    audience: 'staff',
    params: id,
    body: { decision: 'choice', date_decision: 'date', date_debut: 'date', date_fin: 'date', motif: 'choice', motif_texte: 'text', texte: 'text', orientation: 'text', orientation_code: 'choice' },
    form: () => ({ decision: 'valide', date_debut: day(0) }),
  },
  'GET /domicilies/:id/decisions/:decisionId/attestation': { audience: 'staff', params: (f) => ({ id: f.domicilieId, decisionId: '00000000-0000-4000-8000-000000000004' }) },
  'GET /domicilies/:id/decisions/:decisionId/courrier-refus': { audience: 'staff', params: (f) => ({ id: f.domicilieId, decisionId: '00000000-0000-4000-8000-000000000004' }) },
  'GET /domicilies/:id/decisions/:decisionId/courrier-radiation': { audience: 'staff', params: (f) => ({ id: f.domicilieId, decisionId: '00000000-0000-4000-8000-000000000004' }) },
  'GET /domicilies/:id/attestation-postale': { audience: 'staff', params: id, answer: 'document' },
  'POST /domicilies/:id/decisions/:decisionId/date': {
    audience: 'staff',
    params: (f) => ({ id: f.domicilieId, decisionId: '00000000-0000-4000-8000-000000000005' }),
    body: { date_decision: 'date' },
    form: () => ({ date_decision: day(0) }),
  },
  'GET /domicilies/:id/demande': { audience: 'staff', params: id },
  'POST /domicilies/:id/decisions/annuler': { audience: 'staff', params: id, body: { decision_id: 'uuid' }, form: () => ({ decision_id: '00000000-0000-4000-8000-000000000003' }) },
  'GET /domicilies/:id/courriers': { audience: 'staff', params: id, query: { avant: 'uuid' } },
  'POST /domicilies/:id/courriers/reception': { audience: 'staff', params: id, body: { courrier: 'count', colis: 'count', avis_passage: 'count', comment: 'multiline' }, form: () => ({ courrier: '2', comment: 'Recommandé' }) },
  'POST /domicilies/:id/courriers/distribution': { audience: 'staff', params: id, body: { types: 'list', recipient: 'choice', choix_types: 'choice' }, form: () => ({ types: ['courrier'], recipient: 'domicilie' }) },
  'POST /domicilies/:id/courriers/retour': { audience: 'staff', params: id },
  'POST /domicilies/:id/courriers/transfert-envoi': { audience: 'staff', params: id, body: { types: 'list' }, form: () => ({ types: ['courrier'] }) },
  'POST /domicilies/:id/courriers/annuler': { audience: 'staff', params: id, body: { event_id: 'uuid' }, form: () => ({ event_id: '00000000-0000-4000-8000-000000000002' }) },
  'POST /domicilies/:id/passage': { audience: 'staff', params: id },
  'POST /domicilies/:id/appel': { audience: 'staff', params: id },
  'POST /domicilies/:id/procurations': {
    audience: 'staff',
    params: id,
    body: { nom: 'text', prenom: 'text', date_naissance: 'date', date_debut: 'date', date_fin: 'date' },
    form: () => ({ nom: 'Bernard', prenom: 'Paul', date_naissance: '03/04/1960', date_debut: day(0), date_fin: day(30) }),
  },
  'POST /domicilies/:id/procurations/:procurationId/supprimer': { audience: 'staff', params: (f) => ({ id: f.domicilieId, procurationId: f.procurationId }) },
  'POST /domicilies/:id/transfert': {
    audience: 'staff',
    params: id,
    body: { recipient_name: 'text', address: 'multiline', date_debut: 'date', date_fin: 'date' },
    form: () => ({ recipient_name: 'Centre social', address: '1 rue A\r\n69001 Lyon', date_debut: day(0), date_fin: day(30) }),
  },
  'POST /domicilies/:id/transfert/supprimer': { audience: 'staff', params: id },
  'GET /domicilies/:id/acces-portail': { audience: 'staff', params: (f) => ({ id: f.accessDomicilieId }) },
  'POST /domicilies/:id/acces-portail': { audience: 'staff', params: (f) => ({ id: f.accessDomicilieId }), body: { acces: 'choice', reinitialiser: 'choice' }, form: () => ({ acces: 'oui', reinitialiser: 'oui' }) },
  'GET /domicilies/:id/acces-portail/document': { audience: 'staff', params: (f) => ({ id: f.accessDomicilieId }), answer: 'document' },
  'GET /domicilies/:id/documents': { audience: 'staff', params: id },
  'POST /domicilies/:id/documents': { audience: 'staff', params: id, body: { titre: 'text', portail: 'choice' }, form: () => ({ titre: 'Carte d’identité', portail: 'oui' }) },
  'GET /domicilies/:id/documents/:documentId': { audience: 'staff', params: (f) => ({ id: f.domicilieId, documentId: NO_DOCUMENT }), answer: 'file' },
  'POST /domicilies/:id/documents/:documentId/titre': { audience: 'staff', params: (f) => ({ id: f.domicilieId, documentId: NO_DOCUMENT }), body: { titre: 'text' }, form: () => ({ titre: 'Bail' }) },
  'POST /domicilies/:id/documents/:documentId/portail': { audience: 'staff', params: (f) => ({ id: f.domicilieId, documentId: NO_DOCUMENT }), body: { visible: 'choice' }, form: () => ({ visible: 'oui' }) },
  'POST /domicilies/:id/documents/:documentId/supprimer': { audience: 'staff', params: (f) => ({ id: f.domicilieId, documentId: NO_DOCUMENT }), body: { confirmation: 'choice' }, form: () => ({ confirmation: 'oui' }) },
  'GET /comptes-portail': { audience: 'staff', query: { acces: 'choice', mot_de_passe: 'choice', page: 'count' } },
  'GET /portail/connexion': { audience: 'public' },
  'POST /portail/connexion': { audience: 'public', body: { identifiant: 'text', mot_de_passe: 'secret' }, form: () => ({ identifiant: 'INCONNUX', mot_de_passe: 'pas le bon' }) },
  'GET /portail/langue': { audience: 'public', query: { l: 'choice', retour: 'text' }, form: () => ({ l: 'fr', retour: '/portail' }) },
  'POST /portail/deconnexion': { audience: 'portal', endsSession: true },
  'GET /portail': { audience: 'portal' },
  'GET /portail/': { audience: 'portal' },
  'GET /portail/documents': { audience: 'portal' },
  'GET /portail/documents/attestation': { audience: 'portal', answer: 'file' },
  'GET /portail/documents/:documentId': { audience: 'portal', params: () => ({ documentId: NO_DOCUMENT }), answer: 'file' },
  'GET /portail/historique': { audience: 'portal', query: { avant: 'uuid' } },
  'GET /portail/mot-de-passe': { audience: 'portal' },
  'GET /portail/avis': { audience: 'portal' },
  'POST /portail/avis/pause': { audience: 'portal', body: { avis: 'choice' }, form: () => ({ avis: 'off' }) },
  'POST /portail/avis/email': { audience: 'portal', body: { email: 'email' }, form: () => ({ email: 'nouvelle@exemple.fr' }) },
  'GET /portail/confirmer-email': { audience: 'public', query: { jeton: 'text' }, form: () => ({ jeton: 'jeton-inconnu' }) },
  'POST /portail/confirmer-email': { audience: 'public', body: { jeton: 'text' }, form: () => ({ jeton: 'jeton-inconnu' }) },
  'POST /portail/mot-de-passe': {
    audience: 'portal',
    body: { mot_de_passe_actuel: 'secret', nouveau_mot_de_passe: 'secret', confirmation: 'secret' },
    form: () => ({ mot_de_passe_actuel: 'pas le bon', nouveau_mot_de_passe: 'Une phrase de passe solide', confirmation: 'Une phrase de passe solide' }),
  },
  'GET /portail/nouveau-mot-de-passe': { audience: 'portal', temporaryPortal: true },
  'POST /portail/nouveau-mot-de-passe': {
    audience: 'portal',
    temporaryPortal: true,
    body: { nouveau_mot_de_passe: 'secret', confirmation: 'secret' },
    form: () => ({ nouveau_mot_de_passe: 'Une phrase de passe solide', confirmation: 'Une autre phrase de passe' }),
  },
};
