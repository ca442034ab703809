import type { Context } from 'hono'
import { can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { clinicToday } from '../schedule/clinic-time.js'
import type { Author } from './visits.service.js'

type Ctx = Context<AppEnv>

/** Who saves, in what role, from which terminal: stamped on every revision (947н p.21). */
export function authorOf(c: Ctx): Author {
  const session = c.get('session')!
  return { staffId: session.staffId, role: session.role, deviceId: c.get('device').id }
}

/** Today's date at the clinic, the latest a visit can be dated. */
export function clinicDay(c: Ctx): string {
  const s = c.get('services')
  return clinicToday(s.now(), s.config.timeZone)
}

/** What this person may do with medical data at this terminal (for showing actions). */
export async function medicalPowers(c: Ctx) {
  return {
    write: await can(c, 'medical.write'),
    sign: await can(c, 'medical.sign'),
  }
}

/** A base revision from a form: a non-negative integer, or -1 (which never matches). */
export function baseRevision(raw: unknown): number {
  return typeof raw === 'string' && /^[0-9]{1,9}$/.test(raw) ? Number(raw) : -1
}
