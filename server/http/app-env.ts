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
  /** Wraps the per-file keys of attachments (key id "files-v1"); see files/file-store.ts. */
  files: Buffer
}

/** The clinic CA, for routes that issue or revoke terminal certificates. */
export interface PkiServices {
  ca: CaMaterial
  paths: PkiPaths
}

/** The enrollment listener run by the server process (DESIGN.md §2; server/enrollment). */
export interface EnrollmentControl {
  /**
   * Starts the listener if it is off, after a window was opened.
   * @returns its base URL for terminals and the server certificate's SHA-256 fingerprint.
   * @throws the listen error (port taken, address unavailable).
   */
  ensureRunning(): Promise<{ url: string; fingerprint256: string }>
  /** Records expired windows as closed and stops the listener when none is open. Never throws. */
  sync(): Promise<void>
}

/** Everything a request handler may use, injected into createApp (no global singletons). */
export interface Services {
  config: Config
  db: Db
  keys: AppKeys
  log: Logger
  now: () => Date
  /**
   * Resolves once every write so far is on disk; each answer waits for it (the server's
   * connection does not sync in COMMIT, see server/db/durability.ts). Absent: writes are
   * durable when they return (route tests, the CLI's synchronous=FULL).
   */
  durable?: () => Promise<void>
  /** Called after a device is revoked in-process, so live sockets close at once. */
  onDeviceRevoked?: (serial: string) => void
  /** Present when the app runs on a data directory (always, except in some route tests). */
  pki?: PkiServices
  /** Present in the server process; absent in route tests that do not need the listener. */
  enrollment?: EnrollmentControl
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
    /** Bytes an HTML answer carries at a marker instead of as text (renderAround). */
    htmlSlot: { marker: string; bytes: Uint8Array<ArrayBuffer> } | undefined
  }
}
