import { Hono } from 'hono'
import { WindowPage } from '../../views/enrollment/window.page.js'
import { deviceFromPath, enrollmentDeps, renderDevicePage } from '../devices/device-page.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import {
  closeEnrollmentsOfDevice,
  MAX_PIN_ATTEMPTS,
  openEnrollment,
  type CloseReason,
} from './enrollment.service.js'

/**
 * The owner's side of enrollment (office, `admin.devices`): open a window for one device
 * (the page shows the address and PIN once) and close it again.
 */
export function enrollmentRoutes() {
  const app = new Hono<AppEnv>()

  app.post('/admin/devices/:id/enroll', allow('admin.devices'), async (c) => {
    const device = await deviceFromPath(c)
    const s = c.get('services')
    const { t } = c.get('i18n')
    const refuse = (error: string) => renderDevicePage(c, device, { status: 409, error })
    if (!s.enrollment) return refuse(t('enroll.unavailable'))
    const deps = enrollmentDeps(c)
    const opened = await openEnrollment(deps, auditActor(c), device.id)
    if (!opened.ok)
      return refuse(t(opened.reason === 'revoked' ? 'enroll.revoked' : 'enroll.no_bundle'))
    let listener: { url: string; fingerprint256: string }
    try {
      listener = await s.enrollment.ensureRunning()
    } catch (err) {
      s.log.error(
        { requestId: c.get('requestId'), err: (err as Error).message },
        'enrollment listener failed',
      )
      await closeAll(c, device.id, 'owner')
      return refuse(t('enroll.failed'))
    }
    // Rendered, not redirected: the PIN exists only in this response.
    return c.render(
      <WindowPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        device={device}
        url={`${listener.url}/enroll/${opened.token}`}
        pin={opened.pin}
        expiresAt={opened.expiresAt.toISOString()}
        maxAttempts={MAX_PIN_ATTEMPTS}
        fingerprint256={listener.fingerprint256}
      />,
      { title: t('enroll.title') },
    )
  })

  app.post('/admin/devices/:id/enroll/close', allow('admin.devices'), async (c) => {
    const device = await deviceFromPath(c)
    await closeAll(c, device.id, 'owner')
    await c.get('services').enrollment?.sync()
    return c.redirect(`/admin/devices/${device.id}`, 303)
  })

  return app
}

async function closeAll(
  c: Parameters<typeof auditActor>[0],
  deviceId: number,
  reason: CloseReason,
) {
  const s = c.get('services')
  await s.db
    .transaction()
    .execute((trx) =>
      closeEnrollmentsOfDevice(trx, s.keys.audit, auditActor(c), deviceId, reason, s.now()),
    )
}
