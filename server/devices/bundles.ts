import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// A bundle waits in <dataDir>/devices/<id>-<slug>.p12 until it is carried to its terminal
// (by hand after `enamel device issue`, or by one enrollment download, which deletes it).
// Lookups go by the id prefix: a rename changes the slug but not the file.

/** Folder of bundles waiting to be carried to their terminals. */
export function bundlesDir(dataDir: string): string {
  return path.join(dataDir, 'devices')
}

/** ASCII file-name part from a device name ('Reception 1' → 'reception-1'). */
export function bundleSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'device'
  )
}

/** Writes a device's bundle (0600, folder 0700) and returns its path. */
export function writeBundle(dataDir: string, id: number, name: string, p12: Buffer): string {
  const dir = bundlesDir(dataDir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = path.join(dir, `${id}-${bundleSlug(name)}.p12`)
  writeFileSync(file, p12, { mode: 0o600 })
  return file
}

/** The bundle still waiting on the server for this device, if any. */
export function findBundle(dataDir: string, id: number): string | undefined {
  let names: string[]
  try {
    names = readdirSync(bundlesDir(dataDir))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const hit = names.find((n) => n.startsWith(`${id}-`) && n.endsWith('.p12'))
  return hit && path.join(bundlesDir(dataDir), hit)
}

/**
 * Deletes the device's waiting bundle: after its one download, or once its certificate is
 * revoked (a key nobody will use should not sit on disk). Returns true if there was one.
 */
export function removeBundle(dataDir: string, id: number): boolean {
  const file = findBundle(dataDir, id)
  if (!file) return false
  rmSync(file, { force: true })
  return true
}
