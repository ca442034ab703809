import { Hono } from 'hono'
import { z } from 'zod'
import { ClinicSettingsPage } from '../../views/staff/clinic-settings.page.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { loadClinicSettings, saveClinicSettings } from './clinic-settings.service.js'
import { requireSecondFactor } from './second-factor.js'
import { StaffRuleError } from './staff-admin.service.js'
import { findStaffById } from './staff.queries.js'

// Both options must be sent: an empty or truncated form changes nothing.
const settingsForm = z.object({
  medical_visibility: z.enum(['all', 'own']).optional(),
  require_totp_for_admin: z.enum(['1', '0']).optional(),
})

/** Clinic-wide access options (office): medical visibility and TOTP for administration. */
export function clinicSettingsRoutes() {
  const app = new Hono<AppEnv>()
  const guard = [allow('admin.staff'), requireSecondFactor()] as const

  app.get('/admin/settings', ...guard, async (c) => {
    const current = await loadClinicSettings(c.get('services').db)
    return c.render(
      <ClinicSettingsPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        values={{
          medicalVisibility: current.medicalVisibility,
          requireTotpForAdmin: current.requireTotpForAdmin ? '1' : '0',
        }}
        notice={c.req.query('done') === 'saved' ? c.get('i18n').t('staff.done.saved') : undefined}
      />,
      { title: c.get('i18n').t('settings.title') },
    )
  })

  app.post('/admin/settings', ...guard, async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const input = await form(c, settingsForm)
    const errors: { medicalVisibility?: string; requireTotpForAdmin?: string } = {}
    if (!input.medical_visibility) errors.medicalVisibility = t('settings.error.choose')
    if (!input.require_totp_for_admin) errors.requireTotpForAdmin = t('settings.error.choose')
    if (input.medical_visibility && input.require_totp_for_admin) {
      const me = await findStaffById(s.db, c.get('session')!.staffId)
      try {
        await saveClinicSettings(
          { db: s.db, auditKey: s.keys.audit, now: s.now },
          auditActor(c),
          {
            medicalVisibility: input.medical_visibility,
            requireTotpForAdmin: input.require_totp_for_admin === '1',
          },
          me?.totp_enabled === 1,
        )
        return c.redirect('/admin/settings?done=saved', 303)
      } catch (err) {
        if (!(err instanceof StaffRuleError)) throw err
        errors.requireTotpForAdmin = t(err.messageKey)
      }
    }
    c.status(422)
    return c.render(
      <ClinicSettingsPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        values={{
          medicalVisibility: input.medical_visibility ?? '',
          requireTotpForAdmin: input.require_totp_for_admin ?? '',
        }}
        errors={errors}
      />,
      { title: t('settings.title') },
    )
  })

  return app
}
