import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ConfirmPage } from '../../views/devices/confirm.page.js'
import type { DeviceSummary } from '../../views/devices/device-status.js'
import { IssuedPage } from '../../views/devices/issued.page.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { deviceDeps, deviceFromPath, renderDevicePage } from './device-page.js'
import { DeviceError, reissueDevice, revokeDevice } from './devices.service.js'

type Ctx = Context<AppEnv>
type Action = 'revoke' | 'reissue'

const confirmForm = z.object({
  confirm: z.string().max(8).default(''),
  confirm_self: z.string().max(8).default(''),
})

function confirmPage(c: Ctx, device: DeviceSummary, action: Action, error?: string) {
  c.status(error ? 422 : 200)
  return c.render(
    <ConfirmPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      device={device}
      action={action}
      isCurrent={device.id === c.get('device').id}
      error={error}
    />,
    { title: c.get('i18n').t(`devices.${action}.title`, { name: device.name }) },
  )
}

/** Why the action cannot be done on this device now (409), if so. */
function conflict(c: Ctx, device: DeviceSummary, action: Action) {
  const { t } = c.get('i18n')
  if (action === 'revoke' && device.revoked_at) return t('devices.error.already_revoked')
  if (action === 'reissue' && device.replaced_by !== null)
    return t('devices.error.already_replaced')
  return undefined
}

/**
 * Both actions revoke a certificate, so both need the confirmation page's field, and an
 * explicit tick when it is the certificate of the terminal making the request.
 */
async function unconfirmed(c: Ctx, device: DeviceSummary, action: Action) {
  const input = await form(c, confirmForm)
  const { t } = c.get('i18n')
  if (input.confirm !== 'yes') return confirmPage(c, device, action, t('devices.error.confirm'))
  if (device.id === c.get('device').id && input.confirm_self !== 'yes') {
    return confirmPage(c, device, action, t('devices.error.confirm_self'))
  }
  return undefined
}

/** Live sockets of the revoked certificate go at once, and the listener stops if idle. */
function afterRevocation(c: Ctx, deviceId: number, serial: string) {
  const s = c.get('services')
  // The terminal making this request gets its answer first (for a reissue it holds the only
  // copy of the new passphrase): the revocation watcher cuts it within a second anyway.
  if (deviceId !== c.get('device').id) s.onDeviceRevoked?.(serial)
  void s.enrollment?.sync()
}

/** Revoke and reissue (office, `admin.devices`), each behind a confirmation page. */
export function deviceLifecycleRoutes() {
  const app = new Hono<AppEnv>()

  for (const action of ['revoke', 'reissue'] as const) {
    app.get(`/admin/devices/:id/${action}`, allow('admin.devices'), async (c) => {
      const device = await deviceFromPath(c)
      const error = conflict(c, device, action)
      if (error) return renderDevicePage(c, device, { status: 409, error })
      return confirmPage(c, device, action)
    })
  }

  app.post('/admin/devices/:id/revoke', allow('admin.devices'), async (c) => {
    const device = await deviceFromPath(c)
    const error = conflict(c, device, 'revoke')
    if (error) return renderDevicePage(c, device, { status: 409, error })
    const refusal = await unconfirmed(c, device, 'revoke')
    if (refusal) return refusal
    try {
      await revokeDevice(deviceDeps(c), auditActor(c), device.id)
    } catch (err) {
      // Lost a race with another revoke (the CLI, a second tab): say so, change nothing.
      if (!(err instanceof DeviceError)) throw err
      const message = c.get('i18n').t('devices.error.already_revoked')
      return renderDevicePage(c, device, { status: 409, error: message })
    }
    afterRevocation(c, device.id, device.serial)
    return c.redirect(`/admin/devices/${device.id}`, 303)
  })

  app.post('/admin/devices/:id/reissue', allow('admin.devices'), async (c) => {
    const device = await deviceFromPath(c)
    const error = conflict(c, device, 'reissue')
    if (error) return renderDevicePage(c, device, { status: 409, error })
    const refusal = await unconfirmed(c, device, 'reissue')
    if (refusal) return refusal
    let issued: Awaited<ReturnType<typeof reissueDevice>>
    try {
      issued = await reissueDevice(deviceDeps(c), auditActor(c), device.id)
    } catch (err) {
      if (!(err instanceof DeviceError)) throw err
      const message = c.get('i18n').t('devices.error.already_replaced')
      return renderDevicePage(c, device, { status: 409, error: message })
    }
    if (issued.wasActive) afterRevocation(c, device.id, issued.oldSerial)
    else void c.get('services').enrollment?.sync()
    return c.render(
      <IssuedPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        device={issued}
        passphrase={issued.passphrase}
        reissued
        canEnroll={!!c.get('services').enrollment}
      />,
      { title: c.get('i18n').t('devices.reissued.title') },
    )
  })

  return app
}
