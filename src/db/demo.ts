import type { Kysely } from 'kysely';
import type { DB, Role } from './schema.ts';
import { seedDemoDomicilies } from '../domain/dossiers/dossiers.demo.ts';
import { createStructure, countStructures } from '../domain/structures/structures.service.ts';
import { hashPassword } from '../shared/passwords.ts';

export const DEMO_PASSWORD = 'Demo-Domiciliation-2026';

export const demoAccounts: { email: string; role: Role; structure: 'demo' | 'abri' }[] = [
  { email: 'admin@demo.test', role: 'administrateur', structure: 'demo' },
  { email: 'gestionnaire@demo.test', role: 'gestionnaire', structure: 'demo' },
  { email: 'instructeur@demo.test', role: 'instructeur', structure: 'demo' },
  { email: 'facteur@demo.test', role: 'facteur', structure: 'demo' },
  { email: 'admin@abri.test', role: 'administrateur', structure: 'abri' },
];

const staffNames: Record<string, [string, string]> = {
  'admin@demo.test': ['Garnier', 'Claire'],
  'gestionnaire@demo.test': ['Moreau', 'Karim'],
  'instructeur@demo.test': ['Petit', 'Léa'],
  'facteur@demo.test': ['Roux', 'Thomas'],
  'admin@abri.test': ['Fontaine', 'Nadia'],
};

export type DemoIds = { demo: string; abri: string; staff: Record<string, string> };

/** Demo data for a fresh development database; returns null when the database already has data. */
export async function seedDemo(db: Kysely<DB>): Promise<DemoIds | null> {
  if ((await countStructures(db)) > 0) return null;
  const demo = await createStructure(db, {
    name: 'CCAS de Démo',
    type: 'ccas',
    street: '12 rue de la République',
    postcode: '69001',
    city: 'Lyon',
    phone: '04 72 00 00 00',
    email: 'accueil@ccas-demo.test',
    opening_hours: 'Du lundi au vendredi, de 9 h à 12 h et de 13 h 30 à 17 h',
    timezone: 'Europe/Paris',
    official: { responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice' },
  });
  const abri = await createStructure(db, {
    name: 'Association Abri',
    type: 'association',
    street: '3 quai du Rhône',
    postcode: '69007',
    city: 'Lyon',
    phone: '',
    email: '',
    opening_hours: 'Lundi, mercredi et vendredi, de 14 h à 18 h',
    official: {
      responsable_nom: 'Fontaine',
      responsable_prenom: 'Nadia',
      responsable_fonction: 'Présidente',
      agrement_prefecture: 'Préfecture du Rhône',
      agrement_numero: '69-2024-017',
      agrement_fin: '2027-06-30',
      postal_address: 'Association Abri\nBP 4012\n69341 Lyon Cedex 07',
    },
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: Record<string, string> = {};
  for (const account of demoAccounts) {
    const [nom, prenom] = staffNames[account.email]!;
    const row = await db
      .insertInto('staff_users')
      .values({ structure_id: account.structure === 'demo' ? demo : abri, email: account.email, nom, prenom, role: account.role, password_hash: passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    staff[account.email] = row.id;
  }
  await seedDemoDomicilies(db, { demo, abri, staff });
  return { demo, abri, staff };
}
