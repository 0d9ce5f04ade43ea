import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/trpc': 'http://localhost:3000' },
  },
  build: {
    // The server's CSP allows no inline code; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than pages: one cacheable vendor file. The Markdown
        // renderer and sanitizer load only with the pages that show policy texts, zod only
        // with pages that validate.
        codeSplitting: {
          groups: [
            {
              name: 'markdown',
              test: /node_modules[\\/](\.pnpm[\\/])?.*(markdown-it|dompurify|linkify-it|mdurl|uc\.micro|punycode|entities)/,
              priority: 2,
            },
            // Only forms validate with zod; the first page needs none of it.
            { name: 'zod', test: /node_modules[\\/](\.pnpm[\\/])?.*[\\/]zod[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
});
