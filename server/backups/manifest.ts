import { createHash } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { appRoot } from '../paths.js'

/** The manifest's own name at the snapshot root; it lists every other file. */
export const MANIFEST_FILE = 'manifest.json'

const fileEntry = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  // Where the hash came from, to reuse it while the file is unchanged (not part of the proof).
  mtimeMs: z.number().optional(),
  ino: z.number().optional(),
})

export const manifestSchema = z.object({
  format: z.literal(1),
  app: z.literal('enamel'),
  version: z.string(),
  createdAt: z.string(),
  hostname: z.string(),
  database: z.object({
    file: z.string(),
    tables: z.record(z.string(), z.number().int().min(0)),
    audit: z.object({ count: z.number().int().min(0), head: z.string().regex(/^[0-9a-f]{64}$/) }),
  }),
  /** Every file by its path relative to the snapshot root, with forward slashes. */
  files: z.record(z.string(), fileEntry),
})

export type Manifest = z.infer<typeof manifestSchema>
export type FileEntry = z.infer<typeof fileEntry>

let cachedVersion: string | undefined

/** Enamel's version from package.json, recorded in every manifest and snapshot tag. */
export function enamelVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version
  return cachedVersion
}

/** SHA-256 of a file, streamed so a large file never blocks the event loop. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Every regular file under `root`'s `dirs` (relative paths, sorted). */
export async function listFiles(root: string, dirs: readonly string[]): Promise<string[]> {
  const out: string[] = []
  async function walk(rel: string) {
    const st = await stat(path.join(root, rel)).catch(() => undefined)
    if (!st) return
    if (st.isFile()) return void out.push(rel)
    if (!st.isDirectory()) return
    for (const name of await readdir(path.join(root, rel))) await walk(`${rel}/${name}`)
  }
  for (const d of dirs) await walk(d)
  return out.sort()
}

/**
 * Hashes `files` under `root`, reusing a previous entry when size, mtime and inode are
 * unchanged (content-addressed attachments never change in place).
 */
export async function hashFiles(
  root: string,
  files: readonly string[],
  previous: Manifest['files'] = {},
): Promise<Manifest['files']> {
  const out: Manifest['files'] = {}
  for (const rel of files) {
    const st = await stat(path.join(root, rel))
    const prev = previous[rel]
    const same = prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs && prev.ino === st.ino
    out[rel] = {
      sha256: same ? prev.sha256 : await sha256File(path.join(root, rel)),
      size: st.size,
      mtimeMs: st.mtimeMs,
      ino: st.ino,
    }
  }
  return out
}

/**
 * Reads and validates `dir/manifest.json`.
 * @throws Error when it is missing or not an Enamel manifest.
 */
export async function readManifest(dir: string): Promise<Manifest> {
  const raw = await readFile(path.join(dir, MANIFEST_FILE), 'utf8')
  return manifestSchema.parse(JSON.parse(raw))
}

/** Previous manifest in a staging dir, if any (for hash reuse); never throws. */
export async function previousManifest(dir: string): Promise<Manifest | undefined> {
  return readManifest(dir).catch(() => undefined)
}

export interface FileProof {
  checked: number
  bytes: number
  missing: string[]
  mismatched: string[]
}

/** Re-hashes every file the manifest lists under `dir` (a restore) and compares. */
export async function proveFiles(dir: string, manifest: Manifest): Promise<FileProof> {
  const proof: FileProof = { checked: 0, bytes: 0, missing: [], mismatched: [] }
  for (const [rel, entry] of Object.entries(manifest.files)) {
    const file = path.join(dir, rel)
    const st = await stat(file).catch(() => undefined)
    if (!st?.isFile()) {
      proof.missing.push(rel)
      continue
    }
    proof.checked++
    proof.bytes += st.size
    if (st.size !== entry.size || (await sha256File(file)) !== entry.sha256)
      proof.mismatched.push(rel)
  }
  return proof
}
