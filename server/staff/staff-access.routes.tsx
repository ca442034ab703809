import { Hono } from 'hono'
import { z } from 'zod'
import { HistoryPage } from '../../views/staff/history.page.js'
import { MatrixPage } from '../../views/staff/matrix.page.js'
import { StaffAccessSection } from '../../views/staff/staff-access.partial.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { isHtmx } from '../http/render.js'
import { PERMISSIONS, type Permission } from '../policy/permissions.js'
import { requireSecondFactor } from './second-factor.js'
import { StaffRuleError } from './staff-admin.service.js'
import { HISTORY_PAGE_SIZE, listAccessHistory } from './staff-history.queries.js'
import { accessRows, saveOverrides, type Choice } from './staff-permissions.service.js'
import { listAllOverrides } from './staff-permissions.queries.js'
import { accessProps, adminDeps, managerOf, renderEditPage, targetOf } from './staff-pages.js'
import { listStaffOverview } from './staff.queries.js'

const choice = z.enum(['role', 'grant', 'deny']).optional()
// One field per permission; a missing or unknown value is an incomplete form, never "role".
const overridesForm = z.object(
  Object.fromEntries(PERMISSIONS.map((p) => [`perm.${p}`, choice])) as Record<
    `perm.${Permission}`,
    typeof choice
  >,
)

function parseDetails(json: string): Record<string, string | number | boolean | null> {
  try {
    const v: unknown = JSON.parse(json)
    return v && typeof v === 'object' ? (v as Record<string, string>) : {}
  } catch {
    return {}
  }
}

/** Access levels (office): overrides per employee, the matrix, the history of changes. */
export function staffAccessRoutes() {
  const app = new Hono<AppEnv>()
  const guard = [allow('admin.staff'), requireSecondFactor()] as const

  app.get('/admin/staff/matrix', ...guard, async (c) => {
    const db = c.get('services').db
    const overrides = await listAllOverrides(db)
    const people = (await listStaffOverview(db))
      .filter((s) => s.active === 1)
      .map((s) => ({
        id: s.id,
        fullName: s.full_name,
        role: s.role,
        rows: accessRows(s.role, overrides.get(s.id) ?? { grants: [], denials: [] }, true),
      }))
    return c.render(<MatrixPage i18n={c.get('i18n')} people={people} />, {
      title: c.get('i18n').t('staff.matrix.title'),
    })
  })

  app.get('/admin/staff/history', ...guard, async (c) => {
    const raw = c.req.query('before') ?? ''
    const before = /^[1-9]\d{0,12}$/.test(raw) ? Number(raw) : undefined
    const rows = await listAccessHistory(c.get('services').db, before)
    const page = rows.slice(0, HISTORY_PAGE_SIZE)
    const older = rows.length > HISTORY_PAGE_SIZE ? page[page.length - 1]!.id : undefined
    return c.render(
      <HistoryPage
        i18n={c.get('i18n')}
        rows={page.map((r) => ({
          id: r.id,
          at: r.at,
          action: r.action,
          actorName: r.actor_name,
          subjectName: r.subject_name,
          details: parseDetails(r.details),
        }))}
        olderHref={older ? `/admin/staff/history?before=${older}` : undefined}
      />,
      { title: c.get('i18n').t('staff.history.title') },
    )
  })

  app.post('/admin/staff/:id/permissions', ...guard, async (c) => {
    const target = await targetOf(c)
    const { t } = c.get('i18n')
    const input = await form(c, overridesForm)
    const choices: Partial<Record<Permission, Choice>> = {}
    for (const p of PERMISSIONS) {
      const v = input[`perm.${p}`]
      if (v) choices[p] = v
    }
    let error: string | undefined
    let status: 403 | 422 = 422
    if (Object.keys(choices).length !== PERMISSIONS.length) {
      error = t('staff.access.incomplete')
    } else {
      try {
        const changed = await saveOverrides(
          adminDeps(c),
          managerOf(c),
          target,
          choices as Record<Permission, Choice>,
        )
        const notice = t(changed ? 'staff.done.permissions' : 'staff.done.unchanged')
        if (!isHtmx(c)) return c.redirect(`/admin/staff/${target.id}?done=permissions`, 303)
        const props = await accessProps(c, target)
        return c.html(<StaffAccessSection i18n={c.get('i18n')} {...props} notice={notice} />)
      } catch (err) {
        if (!(err instanceof StaffRuleError)) throw err
        error = t(err.messageKey)
        status = err.status
      }
    }
    c.status(status)
    if (isHtmx(c)) {
      const props = await accessProps(c, target)
      return c.html(
        <StaffAccessSection i18n={c.get('i18n')} {...props} choices={choices} error={error} />,
      )
    }
    return renderEditPage(c, target, { access: { choices, error } })
  })

  return app
}
