import { readFile } from 'node:fs/promises';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * `import { surveys } from './de.json?respond'`: a JSON file's top-level keys as named
 * exports, in a module apart from the plain import of the same file. The light respondent
 * entry's catalog (respond-catalog-*.ts) takes a few namespaces this way; importing the
 * files the shell's catalogs import would put it in one chunk with every text of the app.
 */
function respondTexts(): Plugin {
  const suffix = '.json?respond';
  return {
    name: 'quorum-respond-texts',
    enforce: 'pre',
    async load(id) {
      if (!id.endsWith(suffix)) return null;
      const file = id.slice(0, -'?respond'.length);
      this.addWatchFile(file);
      const texts = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      return Object.entries(texts)
        .filter(([name]) => /^[A-Za-z_$][\w$]*$/.test(name))
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
    },
  };
}

export default defineConfig({
  plugins: [respondTexts(), react()],
  server: {
    // The Host header passes unchanged (no changeOrigin): while PUBLIC_URL is unset, the
    // server takes an Origin naming the Host as same-origin (decision 018).
    proxy: { '/trpc': 'http://localhost:3000', '/exports': 'http://localhost:3000' },
  },
  build: {
    // The server's CSP allows no inline code; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: true,
    // Read by scripts/page-weight.mjs: which chunks each page loads.
    manifest: true,
    rolldownOptions: {
      // Two pages: the app shell, and the light respondent entry the server sends for
      // /surveys/:id opened directly (no router, no i18next; decision 028).
      input: { index: 'index.html', respond: 'respond.html' },
      output: {
        // The libraries every page runs (React, the router, queries, tRPC, i18n) share one
        // long-cached file. Every other library follows the pages that import it, so a chart
        // or editor loads only where it is used: no catch-all vendor group (page-budgets.json
        // holds each page to its weight). Markdown and zod are shared by a few pages each.
        codeSplitting: {
          groups: [
            {
              name: 'markdown',
              test: /node_modules[\\/](\.pnpm[\\/])?.*(markdown-it|dompurify|linkify-it|mdurl|uc\.micro|punycode|entities)/,
              priority: 2,
            },
            // Only forms validate with zod; the first page needs none of it.
            { name: 'zod', test: /node_modules[\\/](\.pnpm[\\/])?.*[\\/]zod[\\/]/, priority: 2 },
            {
              name: 'framework',
              test: /node_modules[\\/](\.pnpm[\\/])?.*[\\/](react|react-dom|scheduler|@tanstack|@trpc|superjson|copy-anything|is-what|use-sync-external-store)[\\/]/,
              priority: 2,
            },
            // The router and i18next only in the shell: the respondent entry runs without
            // them. After `framework` (a group takes its modules' dependencies along, and
            // React must stay in `framework`).
            {
              name: 'shell-framework',
              test: /node_modules[\\/](\.pnpm[\\/])?.*[\\/](react-router|cookie|set-cookie-parser|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
