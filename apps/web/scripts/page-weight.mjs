// Page-weight budgets: the gzipped JavaScript a page loads — the app shell (index.html's
// entry and what it imports statically) plus the chunks of the page's lazy route module —
// must stay within its budget (page-budgets.json). A page with an HTML entry of its own
// (`entry`, e.g. respond.html) counts that entry instead of the shell, and its own
// `loadsOneOf` groups instead of the shell's. Runs after `vite build`; exit code 1 when a
// page is over budget or names a module the build does not have.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import console from 'node:console';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Every chunk `keys` load before they run: themselves and their static imports, transitively. */
export function staticClosure(manifest, keys) {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest (renamed or removed page?)`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

/** The app shell's entry: index.html, or the only entry of a single-page build. */
function shellEntry(manifest) {
  const entry = manifest['index.html']?.isEntry ? 'index.html' : Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error('the build manifest has no entry');
  return entry;
}

/** The JavaScript files a page loads: its entry's (by default the shell's) and its modules' closures. */
export function pageScripts(manifest, modules, entry = shellEntry(manifest)) {
  if (!manifest[entry]?.isEntry) throw new Error(`${entry} is not an entry of the build`);
  return [...staticClosure(manifest, [entry, ...modules])]
    .filter((file) => file.endsWith('.js'))
    .sort();
}

/** Gzipped like the server sends them (level 9, apps/server/src/http.ts). */
export function gzippedSize(contents) {
  return gzipSync(contents, { level: 9 }).length;
}

/**
 * What the shell loads before any page although it is not a static import: of each group in
 * `shellLoadsOneOf` (e.g. the translation catalogs, one per language) the heaviest member.
 * A page with its own entry names its own groups (`loadsOneOf`).
 */
function shellExtras(manifest, groups, sizeOf, pageFiles) {
  return groups.flatMap((group) => {
    const options = group.map((module) => [...staticClosure(manifest, [module])].filter((file) => file.endsWith('.js') && !pageFiles.includes(file)));
    const weight = (files) => files.reduce((sum, file) => sum + sizeOf(file), 0);
    return options.reduce((heaviest, files) => (weight(files) > weight(heaviest) ? files : heaviest), []);
  });
}

export function checkBudgets({ manifest, budgets, sizeOf }) {
  return budgets.pages.map((page) => {
    const pageFiles = pageScripts(manifest, page.modules ?? [], page.entry);
    const groups = page.entry ? (page.loadsOneOf ?? []) : (budgets.shellLoadsOneOf ?? []);
    const files = [...new Set([...pageFiles, ...shellExtras(manifest, groups, sizeOf, pageFiles)])].sort();
    const bytes = files.reduce((sum, file) => sum + sizeOf(file), 0);
    return {
      name: page.name,
      files,
      kb: bytes / 1000,
      budgetKb: page.budgetKb,
      ok: bytes / 1000 <= page.budgetKb,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dist = path.join(web, 'dist');
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
  const budgets = JSON.parse(readFileSync(path.join(web, 'page-budgets.json'), 'utf8'));
  const results = checkBudgets({
    manifest,
    budgets,
    sizeOf: (file) => gzippedSize(readFileSync(path.join(dist, file))),
  });
  for (const result of results) {
    const line = `${result.ok ? '✓' : '✗'} ${result.name}: ${result.kb.toFixed(1)} kB of ${result.budgetKb} kB gzipped JS (${result.files.length} files)`;
    console.log(line);
    if (!result.ok) console.log(`    ${result.files.join('\n    ')}`);
  }
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}
