import { systemClock } from '../app-services.js';
import { issueSetupLink, setupLinkAnnouncement } from '../auth/setup-link.js';
import { loadEnv } from '../env.js';
import { createLogger } from '../logger.js';
import { openMigratedDatabase, prepareDataDir, startupFailureText } from '../startup.js';

const usage = `Usage: quorum <command>

Commands:
  admin create   print a one-time link that creates an instance admin account

Configuration comes from the same environment variables as the server (DATA_DIR, DATABASE_URL, PUBLIC_URL, …).`;

async function adminCreate(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.logLevel);
  await prepareDataDir(env.dataDir, logger);
  const db = await openMigratedDatabase(env, logger);
  try {
    const link = await issueSetupLink(db, systemClock, env.publicUrl, 'another-admin');
    console.log(`${setupLinkAnnouncement} ${link}`);
  } finally {
    await db.close();
  }
}

async function run(args: string[]): Promise<number> {
  const command = args.join(' ');
  if (command === 'admin create') {
    await adminCreate();
    return 0;
  }
  console.error(command === '' || command === 'help' || command === '--help' ? usage : `Unknown command: ${command}\n\n${usage}`);
  return command === 'help' || command === '--help' ? 0 : 2;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(startupFailureText(error));
    process.exit(1);
  },
);
