// The least a tRPC v11 standalone server does for the same SQL: Quorum's transformers and
// path, the batched link format, a context per request — no session, no middleware.
import http from 'node:http';
import { initTRPC } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import Database from 'better-sqlite3';
import superjson from 'superjson';
import { z } from 'zod';
import { directorySql, toEntry, type DirectoryRow } from './directory-sql.js';

const { BENCH_DB, BENCH_PORT, BENCH_VIEWER } = process.env;
const db = new Database(BENCH_DB!, { readonly: true });
const statement = db.prepare<[string, string], DirectoryRow>(directorySql);

// As apps/server/src/transformer.ts: plain JSON in, superjson out.
const plainJson = { serialize: (value: unknown) => value, deserialize: (value: unknown) => value };
const t = initTRPC.context<{ viewerId: string }>().create({ transformer: { input: plainJson, output: superjson } });
const appRouter = t.router({
  communities: t.router({
    list: t.procedure.input(z.void()).query(({ ctx }) => statement.all(ctx.viewerId, ctx.viewerId).map(toEntry)),
  }),
});

const handler = createHTTPHandler({ router: appRouter, basePath: '/trpc/', createContext: () => ({ viewerId: BENCH_VIEWER! }) });
http.createServer(handler).listen(Number(BENCH_PORT), '127.0.0.1', () => console.log('listening'));
