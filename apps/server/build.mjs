import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

/**
 * Bundles the server and the CLI into single ESM files for `node`. Native addons stay
 * external (they are the server's runtime dependencies); bundled CommonJS needs
 * `require`, which the banner provides.
 */
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: ['better-sqlite3', '@node-rs/argon2', 'pg-native'],
  banner: {
    js: "import { createRequire as __quorumCreateRequire } from 'node:module'; const require = __quorumCreateRequire(import.meta.url);",
  },
  logLevel: 'info',
};

await build({ ...shared, entryPoints: ['src/main.ts'], outfile: 'dist/main.js' });
await build({
  ...shared,
  entryPoints: ['src/cli/quorum.ts'],
  outfile: 'dist/quorum.js',
  banner: { js: `#!/usr/bin/env node\n${shared.banner.js}` },
});
await chmod('dist/quorum.js', 0o755);
