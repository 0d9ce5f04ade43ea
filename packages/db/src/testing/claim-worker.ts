/**
 * A separate process that claims jobs, for the job repository's multi-process test:
 * connects, prints "ready", waits for "go" on stdin (so every worker starts at once),
 * claims until nothing is due, prints the claimed ids as JSON and exits.
 * Usage: node --import tsx claim-worker.ts <database url> <job kind> <owner> <now ISO>
 */
import { createInterface } from 'node:readline';
import { connectDatabase } from '../connect.js';

const [url, kind, owner, nowIso] = process.argv.slice(2);
if (!url || !kind || !owner || !nowIso) throw new Error('usage: claim-worker <url> <kind> <owner> <now>');
const now = new Date(nowIso);
const db = await connectDatabase({ url });
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
const claimed: string[] = [];
for (;;) {
  const job = await db.repositories.jobs.claimNext(owner, now, new Date(now.getTime() + 60_000), [kind]);
  if (!job) break;
  claimed.push(job.id);
}
await db.close();
process.stdout.write(`${JSON.stringify(claimed)}\n`);
