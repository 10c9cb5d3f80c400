import { allowed } from '../../src/shared/roles.ts';
import type { RouteRule } from './rules.ts';
import { pngImage } from '../helpers/images.ts';
import { postFile } from '../helpers/multipart.ts';

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/accueil', allowed: allowed.everyone },
  { method: 'GET', path: () => '/mot-de-passe', allowed: allowed.everyone },
  { method: 'POST', path: () => '/mot-de-passe', form: () => ({ mot_de_passe_actuel: 'pas le bon', nouveau_mot_de_passe: 'une phrase assez longue', confirmation: 'une phrase assez longue' }), allowed: allowed.everyone },
  { method: 'POST', path: () => '/deconnexion', allowed: allowed.everyone },
  { method: 'GET', path: () => '/structure', allowed: allowed.everyone },
  { method: 'POST', path: () => '/structure/portail', form: () => ({ portal_enabled: 'oui', portal_login_updates_last_visit: 'non' }), allowed: allowed.admins },
  { method: 'POST', path: () => '/structure', form: () => ({ name: 'X', street: '1 rue Y', postcode: '69001', city: 'Lyon' }), allowed: allowed.admins },
  { method: 'POST', path: () => '/structure/formulaires-officiels', form: () => ({ responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice' }), allowed: allowed.admins },
  {
    method: 'GET',
    path: () => '/structure/logo',
    allowed: allowed.everyone,
    prepare: async (administrateur) => {
      await postFile(administrateur, '/structure/logo', { name: 'logo', fileName: 'logo.png', contentType: 'image/png', content: pngImage(20, 20) });
    },
  },
  // Sent as a plain form here: the administrateur is told to choose a file (400), the others are refused.
  { method: 'POST', path: () => '/structure/logo', allowed: allowed.admins },
  { method: 'POST', path: () => '/structure/logo/supprimer', form: () => ({ confirmation: 'oui' }), allowed: allowed.admins },
  { method: 'GET', path: () => '/utilisateurs', allowed: allowed.admins },
  { method: 'POST', path: () => '/utilisateurs', form: () => ({ nom: 'N', prenom: 'P', email: `m${Math.random()}@test.example`, role: 'facteur' }), allowed: allowed.admins },
  { method: 'POST', path: (f) => `/utilisateurs/${f.colleagueId}/role`, form: () => ({ role: 'gestionnaire' }), allowed: allowed.admins, scoped: true },
  { method: 'POST', path: (f) => `/utilisateurs/${f.colleagueId}/desactiver`, allowed: allowed.admins, scoped: true },
  { method: 'POST', path: (f) => `/utilisateurs/${f.colleagueId}/activation`, allowed: allowed.admins, scoped: true },
  { method: 'POST', path: (f) => `/utilisateurs/${f.colleagueId}/mot-de-passe`, allowed: allowed.admins, scoped: true },
];
