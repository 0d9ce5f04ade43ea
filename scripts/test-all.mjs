// Runs every check and test suite of the repository and prints one closing line
// `N passed, N failed` counted from the runners' JSON reports, so a run that
// executed no test is visible as such. Exit code 0 only if everything passed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['packages/domain', 'packages/db', 'apps/server', 'apps/web'];
const reportDir = '.test-report';
for (const workspace of workspaces) rmSync(join(root, workspace, reportDir), { recursive: true, force: true });

const results = [];
function stage(name, command, args, env = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  return status === 0;
}

const turbo = (...args) => ['exec', 'turbo', 'run', ...args, '--output-logs=new-only'];
stage('lint + typecheck', 'pnpm', turbo('lint', 'typecheck'));
const built = stage('build', 'pnpm', turbo('build'));
// Gzipped JavaScript per page within its budget (apps/web/page-budgets.json).
if (built) stage('page-weight budgets', 'node', ['apps/web/scripts/page-weight.mjs']);
stage('unit, contract and server tests (vitest)', 'pnpm', [
  ...turbo('test', '--concurrency=1'),
  '--',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportDir}/vitest.json`,
]);
if (built) {
  stage('browser end-to-end tests (Playwright, Chromium)', 'pnpm', ['--filter', '@quorum/web', 'exec', 'playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: join(root, 'apps/web', reportDir, 'e2e.json'),
  });
}

let passed = 0;
let failed = 0;
console.log('\n━━ summary ━━');
for (const workspace of workspaces) {
  for (const file of ['vitest.json', 'e2e.json']) {
    const path = join(root, workspace, reportDir, file);
    if (!existsSync(path)) continue;
    const report = JSON.parse(readFileSync(path, 'utf8'));
    const counts = file === 'vitest.json'
      ? // A file that fails to load has no failed test, only a failed suite: count it once.
        { passed: report.numPassedTests, failed: report.numFailedTests || report.numFailedTestSuites }
      : { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
    console.log(`${workspace} ${file === 'e2e.json' ? 'e2e' : 'vitest'}: ${counts.passed} passed, ${counts.failed} failed`);
    passed += counts.passed;
    failed += counts.failed;
  }
}
for (const { name, ok, seconds } of results) console.log(`${ok ? '✓' : '✗'} ${name} (${seconds} s)`);
// A stage that failed without failing tests (lint, types, build, a crash) still fails the run.
const stagesFailed = results.filter((r) => !r.ok).length;
if (stagesFailed > 0 && failed === 0) failed = stagesFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && stagesFailed === 0 && passed > 0 ? 0 : 1);
