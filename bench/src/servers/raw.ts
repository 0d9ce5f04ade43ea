// node:http and one better-sqlite3 prepared statement: the floor of what the directory can cost.
import http from 'node:http';
import Database from 'better-sqlite3';
import { directorySql, type DirectoryRow } from './directory-sql.js';

const { BENCH_DB, BENCH_PORT, BENCH_VIEWER } = process.env;
const db = new Database(BENCH_DB!, { readonly: true });
const statement = db.prepare<[string, string], DirectoryRow>(directorySql);

http
  .createServer((_req, res) => {
    const body = JSON.stringify(statement.all(BENCH_VIEWER!, BENCH_VIEWER!));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  })
  .listen(Number(BENCH_PORT), '127.0.0.1', () => console.log('listening'));
