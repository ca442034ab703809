/** Bundles entry points (relative to the repository root) into `outdir` (scripts/build.mjs). */
export function bundle(entryPoints: string[], outdir: string): Promise<void>
