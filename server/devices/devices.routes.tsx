import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { DevicesPage, type IssueFormProps } from '../../views/devices/devices.page.js'
import { IssuedPage } from '../../views/devices/issued.page.js'
import { ZONES, type Zone } from '../config.js'
import { enrollmentRoutes } from '../enrollment/enrollment.routes.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { deviceDeps, deviceFromPath, renderDevicePage } from './device-page.js'
import { deviceLifecycleRoutes } from './device-lifecycle.routes.js'
import { listDeviceSummaries } from './devices.queries.js'
import { DEVICE_NAME, issueDevice, renameDevice } from './devices.service.js'

type Ctx = Context<AppEnv>

const issueForm = z.object({
  name: z.string().max(200).default(''),
  zone: z.string().max(20).default(''),
})
const renameForm = z.object({ name: z.string().max(200).default('') })

async function renderList(
  c: Ctx,
  issue: Omit<IssueFormProps, 'i18n' | 'csrfToken'> & { status?: 200 | 422 } = {},
) {
  c.status(issue.status ?? 200)
  return c.render(
    <DevicesPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      devices={await listDeviceSummaries(c.get('services').db)}
      currentDeviceId={c.get('device').id}
      {...issue}
    />,
    { title: c.get('i18n').t('devices.title') },
  )
}

/**
 * Terminals (office, `admin.devices`): list, issue, rename here; revoke and reissue in
 * device-lifecycle.routes; enrollment windows in enrollment/enrollment.routes. Every
 * mutation is a plain form POST to /admin/devices/:id/<verb> and works without JavaScript.
 */
export function deviceRoutes() {
  const app = new Hono<AppEnv>()

  // --- list and issue ---
  app.get('/admin/devices', allow('admin.devices'), (c) => renderList(c))

  app.post('/admin/devices/issue', allow('admin.devices'), async (c) => {
    const { t } = c.get('i18n')
    const input = await form(c, issueForm)
    const errors: { name?: string; zone?: string } = {}
    if (!DEVICE_NAME.test(input.name.trim())) errors.name = t('devices.error.name')
    if (!ZONES.includes(input.zone as Zone)) errors.zone = t('devices.error.zone')
    if (errors.name || errors.zone) {
      return renderList(c, { status: 422, name: input.name, zone: input.zone, errors })
    }
    const issued = await issueDevice(deviceDeps(c), auditActor(c), {
      name: input.name,
      zone: input.zone as Zone,
      issuedBy: c.get('session')!.staffId,
    })
    // Rendered, not redirected: this response is the passphrase's only copy.
    return c.render(
      <IssuedPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        device={issued}
        passphrase={issued.passphrase}
        reissued={false}
        canEnroll={!!c.get('services').enrollment}
      />,
      { title: t('devices.issued.title') },
    )
  })

  // --- one device ---
  app.get('/admin/devices/:id', allow('admin.devices'), async (c) =>
    renderDevicePage(c, await deviceFromPath(c)),
  )

  app.post('/admin/devices/:id/rename', allow('admin.devices'), async (c) => {
    const device = await deviceFromPath(c)
    const { t } = c.get('i18n')
    if (device.revoked_at) {
      return renderDevicePage(c, device, { status: 409, error: t('devices.error.already_revoked') })
    }
    const { name } = await form(c, renameForm)
    if (!DEVICE_NAME.test(name.trim())) {
      const rename = { value: name, error: t('devices.error.name') }
      return renderDevicePage(c, device, { status: 422, rename })
    }
    const s = c.get('services')
    await renameDevice({ db: s.db, auditKey: s.keys.audit }, auditActor(c), device.id, name)
    return c.redirect(`/admin/devices/${device.id}`, 303)
  })

  app.route('/', deviceLifecycleRoutes())
  app.route('/', enrollmentRoutes())
  return app
}
