import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { CHANGED_EVENT } from '../../views/schedule/live-refresh.js'
import { StandalonePage } from '../../views/schedule/standalone.page.js'
import { can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { isHtmx } from '../http/render.js'
import { clinicToday, isIsoDate } from './clinic-time.js'
import type { ScheduleDeps } from './schedule.service.js'

// Request glue shared by the schedule's route modules.

type Ctx = Context<AppEnv>

export function scheduleDeps(c: Ctx): ScheduleDeps {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, now: s.now, timeZone: s.config.timeZone }
}

export function today(c: Ctx): string {
  return clinicToday(c.get('services').now(), c.get('services').config.timeZone)
}

/** The ?date= of a page, or today at the clinic for a missing or malformed one. */
export function dateQuery(c: Ctx): string {
  const date = c.req.query('date') ?? ''
  return isIsoDate(date) ? date : today(c)
}

/** A positive integer id from the path; anything else is a 404, like an unknown id. */
export function idParam(c: Ctx, name = 'id'): number {
  const raw = c.req.param(name) ?? ''
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw notFound()
  return Number(raw)
}

/** A positive integer from a form or query value, or undefined. */
export function toId(raw: string | undefined): number | undefined {
  return raw && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined
}

export function canWrite(c: Ctx): Promise<boolean> {
  return can(c, 'schedule.write')
}

/**
 * A panel partial: alone for htmx (it swaps into the page's panel), inside a whole page for
 * a plain browser. `status` lets a 422 re-render carry its code either way.
 */
export function panel(
  c: Ctx,
  partial: Child,
  page: { title: string; backTo: string },
  status: 200 | 422 = 200,
) {
  c.status(status)
  if (isHtmx(c)) return c.html(<>{partial}</>)
  return c.render(
    <StandalonePage i18n={c.get('i18n')} heading={page.title} backTo={page.backTo}>
      {partial}
    </StandalonePage>,
    { title: page.title },
  )
}

/** After a change: htmx gets the partial and the event that refreshes the grid; a form, a redirect. */
export function changed(c: Ctx, partial: () => Child, redirectTo: string) {
  if (!isHtmx(c)) return c.redirect(redirectTo, 303)
  c.header('HX-Trigger', CHANGED_EVENT)
  return c.html(<>{partial()}</>)
}

/** Control characters other than tab and line breaks: refused in free text (hostile input). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
