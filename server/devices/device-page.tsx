import type { Context } from 'hono'
import { DevicePage, type EnrollmentState } from '../../views/devices/device.page.js'
import type { DeviceSummary } from '../../views/devices/device-status.js'
import { findOpenEnrollment } from '../enrollment/enrollment.queries.js'
import {
  ENROLLMENT_WINDOW_MS,
  pinKeyFrom,
  type EnrollmentDeps,
} from '../enrollment/enrollment.service.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound, UserFacingError } from '../http/errors.js'
import { findBundle } from './bundles.js'
import { findDeviceSummary } from './devices.queries.js'
import type { DeviceDeps } from './devices.service.js'

// Shared by the device route modules: the :id guard, service wiring, the device page.

type Ctx = Context<AppEnv>

/** The :id of the path as a device that exists; 404 for anything else (checklist 17). */
export async function deviceFromPath(c: Ctx): Promise<DeviceSummary> {
  const raw = c.req.param('id') ?? ''
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : 0
  const device = id > 0 ? await findDeviceSummary(c.get('services').db, id) : undefined
  if (!device) throw notFound()
  return device
}

/** The clinic CA for issue, revoke and reissue. @throws 503 when this app runs without one. */
export function deviceDeps(c: Ctx): DeviceDeps {
  const s = c.get('services')
  if (!s.pki) throw new UserFacingError(503, 'devices.no_ca')
  return {
    db: s.db,
    auditKey: s.keys.audit,
    ca: s.pki.ca,
    pki: s.pki.paths,
    dataDir: s.config.dataDir,
    now: s.now,
  }
}

export function enrollmentDeps(c: Ctx): EnrollmentDeps {
  const s = c.get('services')
  return {
    db: s.db,
    auditKey: s.keys.audit,
    pinKey: pinKeyFrom(s.keys.secrets),
    dataDir: s.config.dataDir,
    now: s.now,
  }
}

async function enrollmentState(c: Ctx, device: DeviceSummary): Promise<EnrollmentState> {
  const s = c.get('services')
  const open = await findOpenEnrollment(s.db, device.id, s.now().toISOString())
  if (open) return { state: 'open', expiresAt: open.expires_at }
  if (!findBundle(s.config.dataDir, device.id)) return { state: 'no_bundle' }
  return s.enrollment ? { state: 'ready' } : { state: 'unavailable' }
}

/** The device page, optionally with a refusal (409) or the rename form's error (422). */
export async function renderDevicePage(
  c: Ctx,
  device: DeviceSummary,
  opts: {
    status?: 200 | 409 | 422
    error?: string
    rename?: { value: string; error: string }
  } = {},
) {
  c.status(opts.status ?? 200)
  return c.render(
    <DevicePage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      device={device}
      isCurrent={device.id === c.get('device').id}
      enrollment={await enrollmentState(c, device)}
      windowMinutes={ENROLLMENT_WINDOW_MS / 60_000}
      error={opts.error}
      rename={opts.rename}
    />,
    { title: device.name },
  )
}
