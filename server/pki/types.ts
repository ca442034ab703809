/** Where a terminal stands; the zone is the ceiling on what anyone logged in there may do. */
export type Zone = 'reception' | 'surgery' | 'office'

export const ZONES: readonly Zone[] = ['reception', 'surgery', 'office']

export interface CaMaterial {
  certPem: string
  /** Unencrypted PKCS#8 PEM. Kept in memory only: saveCa encrypts it before it touches disk. */
  keyPem: string
}
