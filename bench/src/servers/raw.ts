// node:http and better-sqlite3 prepared statements: the floor of what a read can cost.
import http from 'node:http';
import Database from 'better-sqlite3';
import { openRead } from './reads.js';

const db = new Database(process.env['BENCH_DB']!, { readonly: true });
const read = openRead(db, process.env);

http
  .createServer((_req, res) => {
    const body = JSON.stringify(read.rows());
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  })
  .listen(Number(process.env['BENCH_PORT']), '127.0.0.1', () => console.log('listening'));
