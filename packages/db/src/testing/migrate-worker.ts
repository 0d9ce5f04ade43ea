/**
 * A separate process that migrates a database, for the migration lock's test: connects,
 * prints "ready", waits for "go" on stdin (so every process starts at once), migrates and
 * prints "migrated" or the error's message, then exits.
 * Usage: node --import tsx migrate-worker.ts <database url>
 */
import { createInterface } from 'node:readline';
import { connectDatabase } from '../connect.js';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: migrate-worker <url>');
const db = await connectDatabase({ url });
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
try {
  await db.migrate();
  process.stdout.write('migrated\n');
} catch (error) {
  process.stdout.write(`${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await db.close();
}
