import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { requestBackup } from './db/admin-channel.ts';
import { keepAliveInterval, writeBackup } from './db/backup.ts';
import { BackupError, checkBackup } from './db/backup-format.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openDatabase } from './db/database.ts';
import { restoreBackup } from './db/restore.ts';
import { migrate } from './db/migrate.ts';
import { createStaff } from './domain/staff/staff.service.ts';
import { createStructure } from './domain/structures/structures.service.ts';
import { InvalidInput } from './shared/errors.ts';
import { fieldWords } from './web/shared/forms.ts';
import { wordsFor } from './web/staff/staff.words.ts';

const usage = `Usage :
  npm run admin -- create-structure --name NOM --type ccas|cias|association --street RUE --postcode CP --city VILLE
                   --admin-email E-MAIL --admin-nom NOM --admin-prenom PRÉNOM [--phone TEL] [--email E-MAIL]
Crée une structure et son premier administrateur, puis affiche un lien d'activation à usage unique (48 h).

  npm run admin -- backup --out FICHIER
Sauvegarde toute la base (PGlite ou PostgreSQL), application démarrée ou non, dans un fichier compressé.

  npm run admin -- verify --from FICHIER
Relit une sauvegarde en entier sans toucher à aucune base, et affiche son contenu.

  npm run admin -- restore --from FICHIER [--force]
Restaure une sauvegarde dans la base configurée (DATA_DIR ou DATABASE_URL), qui doit être vide ;
--force efface d'abord les données qu'elle contient. Arrêtez l'application avant.`;

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

const describeRows = (rows: Record<string, number>) =>
  Object.entries(rows)
    .filter(([, count]) => count > 0)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ') || 'aucune ligne';

function fileOption(args: string[], name: 'out' | 'from', extra: Record<string, { type: 'boolean' }> = {}) {
  const { values } = parseArgs({ args, options: { [name]: { type: 'string' }, ...extra } });
  const file = values[name];
  if (typeof file !== 'string' || file === '') throw new UsageError(`Option manquante : --${name} FICHIER`);
  return { file, values };
}

/**
 * Written beside the target, read back whole, then renamed: a backup that did not finish
 * never takes the name of a good one.
 */
async function backupCommand(args: string[]) {
  const { file } = fileOption(args, 'out');
  const config = loadConfig();
  const partial = `${file}.partiel`;
  const output = () => createWriteStream(partial, { mode: 0o600 });
  try {
    const fromApplication = config.databaseUrl ? null : await requestBackup(config.dataDir);
    if (fromApplication) {
      await pipeline(fromApplication, output());
    } else {
      const database = await openDatabase(config).catch((error) => {
        if (error instanceof DataDirLockedError) throw new BackupError(`${error.message} L'application ne répond pas sur son canal d'administration (${config.dataDir}/admin.sock).`);
        throw error;
      });
      try {
        await writeBackup(database, output(), { secretKey: config.secretKey, keepAliveMs: keepAliveInterval(config.databaseIdleTimeoutMs) });
      } finally {
        await database.close();
      }
    }
    const { rows } = await checkBackup(createReadStream(partial)).catch((error) => {
      throw new BackupError(`La sauvegarde a échoué en cours d'écriture (${error instanceof Error ? error.message : error}).`);
    });
    renameSync(partial, file);
    const size = (statSync(file).size / 1_048_576).toFixed(1);
    console.log(`Sauvegarde écrite et relue : ${file} (${size} Mo${fromApplication ? ", fournie par l'application en marche" : ''}).`);
    console.log(`Contenu : ${describeRows(rows)}.`);
  } finally {
    rmSync(partial, { force: true });
  }
}

async function verifyCommand(args: string[]) {
  const { file } = fileOption(args, 'from');
  const { header, rows } = await checkBackup(createReadStream(file));
  console.log(`Sauvegarde complète et lisible, faite le ${header.createdAt} sur ${header.engine} (${header.migrations.length} migrations).`);
  console.log(`Contenu : ${describeRows(rows)}.`);
}

async function restoreCommand(args: string[]) {
  const { file, values } = fileOption(args, 'from', { force: { type: 'boolean' } });
  const config = loadConfig();
  // The restore reads the file once, in its transaction: a file that cannot be opened fails first.
  statSync(file);
  const database = await openDatabase(config);
  try {
    const summary = await restoreBackup(database, createReadStream(file), { force: values.force === true, secretKey: config.secretKey });
    for (const warning of summary.warnings) console.warn(`Attention : ${warning}`);
    console.log(
      `Restauration terminée dans ${database.engine === 'pglite' ? `la base embarquée ${config.dataDir}` : 'PostgreSQL'}` +
        `${summary.replacedExistingData ? ' (les données précédentes ont été effacées)' : ''}.`,
    );
    console.log(`Contenu : ${describeRows(summary.rows)}. Les sessions ne sont pas sauvegardées : chacun se reconnecte.`);
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create-structure') await createStructureCommand(rest);
  else if (command === 'backup') await backupCommand(rest);
  else if (command === 'verify') await verifyCommand(rest);
  else if (command === 'restore') await restoreCommand(rest);
  else throw new UsageError(command ? `Commande inconnue : ${command}` : 'Aucune commande.');
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else if (error instanceof InvalidInput) console.error(`Saisie refusée :\n${Object.values(fieldWords(error, wordsFor)).map((message) => `  - ${message}`).join('\n')}`);
  else if (error instanceof BackupError || error instanceof DataDirLockedError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'ENOENT') console.error(`Fichier introuvable : ${(error as NodeJS.ErrnoException).path}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
