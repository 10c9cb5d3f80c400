import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openAdminChannel } from './db/admin-channel.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openDatabase } from './db/database.ts';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './db/demo.ts';
import { migrate } from './db/migrate.ts';
import { startHousekeeping } from './housekeeping.ts';

async function start() {
  const startedAt = performance.now();
  const config = loadConfig();
  const database = await openDatabase(config);
  await migrate(database.db);
  if (!config.production && (await seedDemo(database.db))) {
    console.log('Données de démonstration créées. Comptes (mot de passe %s) :', DEMO_PASSWORD);
    for (const account of demoAccounts) console.log(`  ${account.email.padEnd(24)} ${account.role}`);
  }
  const app = await buildApp({ config, database });
  await app.listen({ host: config.host, port: config.port });
  // PGlite: `npm run admin -- backup` asks this process, which holds the data folder (decision 0021).
  const adminChannel = database.engine === 'pglite' ? await openAdminChannel(config, database, (error) => app.log.error(error)) : undefined;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `Domiciliation prête sur http://${config.host}:${port} (base ${database.engine === 'pglite' ? `embarquée dans ${config.dataDir}` : 'PostgreSQL'}, démarrage en ${Math.round(performance.now() - startedAt)} ms)`,
  );

  startHousekeeping(database, (error) => app.log.error(error));

  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Arrêt (${signal})…`);
    await app.close();
    await adminChannel?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

start().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`Démarrage impossible : ${error.message}`);
  } else {
    console.error('Démarrage impossible :', error);
  }
  process.exit(1);
});
