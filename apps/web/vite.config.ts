import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
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
              test: /node_modules[\\/](\.pnpm[\\/])?.*[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|@tanstack|@trpc|superjson|copy-anything|is-what|i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
