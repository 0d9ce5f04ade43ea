// The least a tRPC v11 standalone server does for the same SQL: Quorum's transformers and
// path, the batched link format, a context per request — no session, no middleware.
import http from 'node:http';
import { initTRPC } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import Database from 'better-sqlite3';
import superjson from 'superjson';
import { openRead } from './reads.js';

const db = new Database(process.env['BENCH_DB']!, { readonly: true });
const read = openRead(db, process.env);

// As apps/server/src/transformer.ts: plain JSON in, superjson out.
const plainJson = { serialize: (value: unknown) => value, deserialize: (value: unknown) => value };
const t = initTRPC.create({ transformer: { input: plainJson, output: superjson } });
const [area, name] = read.procedure;
const appRouter = t.router({ [area]: t.router({ [name]: t.procedure.input(read.input).query(({ input }) => read.answer(input)) }) });

const handler = createHTTPHandler({ router: appRouter, basePath: '/trpc/', createContext: () => ({}) });
http.createServer(handler).listen(Number(process.env['BENCH_PORT']), '127.0.0.1', () => console.log('listening'));
