import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { createStaff } from './modules/staff/staff.service.ts';
import { createStructure } from './modules/structures/structures.service.ts';
import { InvalidInput } from './shared/errors.ts';

const usage = `Usage :
  npm run admin -- create-structure --name NOM --type ccas|cias|association --street RUE --postcode CP --city VILLE
                   --admin-email E-MAIL --admin-nom NOM --admin-prenom PRÉNOM [--phone TEL] [--email E-MAIL]
Crée une structure et son premier administrateur, puis affiche un lien d'activation à usage unique (48 h).`;

async function createStructureCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(
      ['name', 'type', 'street', 'postcode', 'city', 'phone', 'email', 'admin-email', 'admin-nom', 'admin-prenom'].map((name) => [name, { type: 'string' as const }]),
    ),
  });
  const missing = ['name', 'type', 'street', 'postcode', 'city', 'admin-email', 'admin-nom', 'admin-prenom'].filter((name) => !values[name]);
  if (missing.length) throw new UsageError(`Options manquantes : ${missing.map((name) => `--${name}`).join(', ')}`);
  const type = values.type as string;
  if (!['ccas', 'cias', 'association'].includes(type)) throw new UsageError('--type doit valoir ccas, cias ou association.');

  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database.db);
    const { structureId, activationToken } = await database.db.transaction().execute(async (trx) => {
      const structureId = await createStructure(trx, {
        name: values.name!,
        type: type as 'ccas' | 'cias' | 'association',
        street: values.street!,
        postcode: values.postcode!,
        city: values.city!,
        phone: values.phone ?? '',
        email: values.email ?? '',
        opening_hours: '',
      });
      const staff = await createStaff(trx, structureId, { email: values['admin-email']!, nom: values['admin-nom']!, prenom: values['admin-prenom']!, role: 'administrateur' }, null);
      return { structureId, activationToken: staff.activationToken };
    });
    console.log(`Structure créée (${structureId}).`);
    console.log(`Lien d'activation de l'administrateur (valable 48 heures, une seule fois) :\n${config.publicUrl}/activation/${activationToken}`);
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create-structure') await createStructureCommand(rest);
  else throw new UsageError(command ? `Commande inconnue : ${command}` : 'Aucune commande.');
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else if (error instanceof InvalidInput) console.error(`Saisie refusée :\n${Object.values(error.fields).map((message) => `  - ${message}`).join('\n')}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
