import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Outside users get @quorum/domain as a package: built JS + .d.ts behind the same
 * subpaths. Pack it as it would be published and import it from plain Node.
 */
const packageDir = resolve(import.meta.dirname, '..');
let consumerDir: string;

beforeAll(() => {
  consumerDir = mkdtempSync(join(tmpdir(), 'quorum-domain-consumer-'));
  execFileSync('pnpm', ['run', 'build'], { cwd: packageDir, stdio: 'pipe' });
  const packed = execFileSync('pnpm', ['pack', '--pack-destination', consumerDir], { cwd: packageDir, encoding: 'utf8' });
  const tarball = packed.trim().split('\n').pop()!.trim();
  const target = join(consumerDir, 'node_modules', '@quorum', 'domain');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', resolve(consumerDir, tarball), '-C', target, '--strip-components=1']);
  // The only runtime dependency, taken from this workspace (no registry needed).
  const zodDir = dirname(realpathSync(createRequire(join(packageDir, 'package.json')).resolve('zod/package.json')));
  symlinkSync(zodDir, join(consumerDir, 'node_modules', 'zod'));
  writeFileSync(join(consumerDir, 'package.json'), JSON.stringify({ type: 'module' }));
}, 120_000);

afterAll(() => rmSync(consumerDir, { recursive: true, force: true }));

describe('the published package', () => {
  it('declares built files, not TypeScript source, and pins zod', () => {
    const manifest = JSON.parse(readFileSync(join(consumerDir, 'node_modules/@quorum/domain/package.json'), 'utf8'));
    expect(manifest.exports['./*']).toEqual({ types: './dist/*.d.ts', default: './dist/*.js' });
    expect(manifest.dependencies.zod).toMatch(/^\d/);
  });

  it('imports from plain Node and runs a rule', () => {
    const script = `
      import { slugSchema } from '@quorum/domain/communities/community';
      import { can } from '@quorum/domain/communities/permissions';
      import { DomainError } from '@quorum/domain/shared/domain-error';
      const ok = slugSchema.safeParse('kunden-forum').success;
      const bad = slugSchema.safeParse('Kunden Forum').error.issues[0].message;
      const member = can(null, 'read', { visibility: 'private', role: null });
      console.log(JSON.stringify({ ok, bad, member, error: new DomainError('LAST_OWNER').code }));
    `;
    const output = execFileSync('node', ['--input-type=module', '-e', script], { cwd: consumerDir, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ ok: true, bad: 'slug_invalid', member: false, error: 'LAST_OWNER' });
  });

  it('ships type declarations for every subpath it exports', () => {
    const declarations = readFileSync(join(consumerDir, 'node_modules/@quorum/domain/dist/communities/permissions.d.ts'), 'utf8');
    expect(declarations).toContain('export declare function can(');
  });
});
