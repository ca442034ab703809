import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

export interface PkiPaths {
  dir: string
  caCert: string
  caKey: string
  serverCert: string
  serverKey: string
  crl: string
}

/** Where the PKI files live under the data directory. Pure: touches nothing on disk. */
export function pkiPaths(dataDir: string): PkiPaths {
  const dir = join(dataDir, 'pki')
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    crl: join(dir, 'crl.pem'),
  }
}

/**
 * Creates the pki directory if needed and forces it to 0700 (mkdir's mode is filtered by the
 * umask, and an existing directory keeps whatever mode it had).
 * @throws the fs error if the directory cannot be created or chmod-ed.
 */
export function ensurePkiDir(paths: PkiPaths): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 })
  chmodSync(paths.dir, 0o700)
}
