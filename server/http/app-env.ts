import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import type { Config, Zone } from '../config.js'
import type { CaMaterial, PkiPaths } from '../pki/index.js'
import type { Db } from '../database.js'
import type { I18n } from '../i18n/i18n.js'
import type { Permission, Role } from '../policy/permissions.js'

/** Keys derived from the master key; none of them is ever stored in the database. */
export interface AppKeys {
  /** HMAC key of the audit hash chain. */
  audit: Buffer
  /** AES-256-GCM key for small secrets kept in the database (TOTP seeds); see crypto/seal.ts. */
  secrets: Buffer
}

/** The clinic CA, for routes that issue or revoke terminal certificates. */
export interface PkiServices {
  ca: CaMaterial
  paths: PkiPaths
}

/** Everything a request handler may use, injected into createApp (no global singletons). */
export interface Services {
  config: Config
  db: Db
  keys: AppKeys
  log: Logger
  now: () => Date
  /** Called after a device is revoked in-process, so live sockets close at once. */
  onDeviceRevoked?: (serial: string) => void
  /** Present when the app runs on a data directory (always, except in some route tests). */
  pki?: PkiServices
}

export interface CurrentDevice {
  id: number
  name: string
  zone: Zone
  serial: string
}

export interface CurrentSession {
  id: number
  staffId: number
  login: string
  fullName: string
  role: Role
  locale: 'ru' | 'en' | null
  csrfToken: string
  createdAt: string
  locked: boolean
  mustChangePassword: boolean
}

export interface AppEnv {
  Bindings: { incoming?: IncomingMessage }
  Variables: {
    services: Services
    requestId: string
    device: CurrentDevice
    session: CurrentSession | undefined
    i18n: I18n
    /** CSRF token to put in forms: the session's, or the pre-login cookie's. */
    csrfToken: string
    /** Effective permissions, loaded on first use in a request. */
    permissions: ReadonlySet<Permission> | undefined
  }
}
