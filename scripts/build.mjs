// npm run build: the server and the operator CLI, each one ES module file in dist/server/.
// Node 20 loads ~1,000 small modules (ours, kysely's, zod's) one by one in over a second; one
// bundled file starts in about half that (README "Benchmark"). Type checking is `npm run
// lint`'s job (tsc --noEmit); this only transpiles and joins.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')

/**
 * Bundles `entryPoints` (paths relative to the repository root) into `outdir`, keeping their
 * relative layout (server/main.ts → <outdir>/server/main.js). Native modules stay outside;
 * CommonJS dependencies get a `require` of their own.
 */
export async function bundle(entryPoints, outdir) {
  await build({
    entryPoints: entryPoints.map((e) => path.join(root, e)),
    outdir,
    outbase: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    // Compiled addons are loaded from node_modules at run time.
    external: ['better-sqlite3', 'argon2'],
    // Not keepNames: its __name() wrapper on every closure costs on hot paths, and declared
    // functions keep their names in stack traces and CPU profiles anyway.
    sourcemap: 'linked',
    banner: {
      js: "import { createRequire as __enamelRequire } from 'node:module'; const require = __enamelRequire(import.meta.url);",
    },
    logLevel: 'error',
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = path.join(root, 'dist')
  rmSync(out, { recursive: true, force: true })
  await bundle(['server/main.ts', 'server/cli.ts'], out)
  process.stdout.write('built dist/server/main.js and dist/server/cli.js\n')
}
