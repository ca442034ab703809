import { Hono, type Context } from 'hono'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import { SettingsPage, type SettingsProps } from '../../views/schedule/settings.page.js'
import { recordAudit, type AuditInput } from '../audit/audit.service.js'
import type { Database } from '../database.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { addDays } from './clinic-time.js'
import { checkText } from './schedule.forms.js'
import { idParam, today } from './schedule.http.js'
import {
  bumpScheduleVersion,
  findChair,
  listChairs,
  listDaysOff,
  listDoctors,
  listWorkingHours,
} from './schedule.queries.js'
import { findChairByName, insertChair, setChairActive } from './settings.queries.js'

type Ctx = Context<AppEnv>
type Forms = Partial<Pick<SettingsProps, 'chairForm' | 'hoursForm' | 'dayOffForm'>>

export const SETTINGS_PATH = '/schedule/settings'

/** The settings page with empty forms, or with the one that failed and its messages. */
export async function settingsPage(c: Ctx, forms: Forms = {}, status: 200 | 422 = 200) {
  const db = c.get('services').db
  const from = today(c)
  const emptyHours = { doctor_id: '', weekday: '1', starts: '09:00', ends: '18:00', chair_id: '' }
  c.status(status)
  return c.render(
    <SettingsPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      chairs={await listChairs(db)}
      doctors={await listDoctors(db)}
      hours={await listWorkingHours(db)}
      daysOff={await listDaysOff(db, from, addDays(from, 366))}
      chairForm={forms.chairForm ?? { name: '' }}
      hoursForm={forms.hoursForm ?? { ...emptyHours, errors: {} }}
      dayOffForm={forms.dayOffForm ?? { doctor_id: '', date: from, reason: '', errors: {} }}
    />,
    { title: c.get('i18n').t('schedule.settings_title') },
  )
}

/**
 * Applies a settings change, its audit event and the version bump of the days it touches
 * ('*': every day) in one transaction, then sends the browser back to the settings page.
 */
export async function applySetting(
  c: Ctx,
  event: { action: string; details: AuditInput['details']; days: readonly string[] },
  change: (trx: Transaction<Database>) => Promise<unknown>,
) {
  const s = c.get('services')
  await s.db.transaction().execute(async (trx) => {
    await change(trx)
    await bumpScheduleVersion(trx, event.days)
    await recordAudit(
      trx,
      s.keys.audit,
      auditActor(c),
      { action: event.action, category: 'schedule', details: event.details },
      s.now(),
    )
  })
  return c.redirect(SETTINGS_PATH, 303)
}

/** The settings page and its chairs. */
export function scheduleSettingsRoutes() {
  const app = new Hono<AppEnv>()

  // schedule.write, not an office-only right: in most clinics the front desk keeps the
  // doctors' hours and leave up to date; the owner has schedule.write too.
  app.get(SETTINGS_PATH, allow('schedule.write'), (c) => settingsPage(c))

  app.post('/schedule/chairs', allow('schedule.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const { name: raw } = await form(c, z.object({ name: z.string().max(20_000).default('') }))
    const name = raw.trim()
    const problem = name ? checkText(name, 60) : 'schedule.error.chair_name'
    const taken = !problem && (await findChairByName(s.db, name))
    if (problem || taken) {
      const error = t(problem ?? 'schedule.error.chair_taken')
      return settingsPage(c, { chairForm: { name: raw, error } }, 422)
    }
    return applySetting(
      c,
      { action: 'schedule.chair.create', details: { name }, days: ['*'] },
      (trx) => insertChair(trx, name, s.now().toISOString()),
    )
  })

  app.post('/schedule/chairs/:id/active', allow('schedule.write'), async (c) => {
    const chair = await findChair(c.get('services').db, idParam(c))
    if (!chair) throw notFound()
    const { active } = await form(c, z.object({ active: z.enum(['0', '1']).default('1') }))
    return applySetting(
      c,
      {
        action: 'schedule.chair.update',
        details: { chair: chair.id, active: active === '1' },
        days: ['*'],
      },
      (trx) => setChairActive(trx, chair.id, active === '1'),
    )
  })

  return app
}
