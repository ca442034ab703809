import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { BreakGlassQueue } from '../../views/audit/break-glass-queue.page.js'
import { BreakGlassRequest } from '../../views/audit/break-glass-request.page.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import {
  BREAK_GLASS_MINUTES,
  BREAK_GLASS_REASON_MAX,
  BREAK_GLASS_REASON_MIN,
  BreakGlassError,
  REVIEW_NOTE_MAX,
  requestBreakGlass,
  reviewBreakGlass,
} from '../policy/break-glass.js'
import { findPatientBrief } from '../patients/patients.queries.js'
import { parsePositiveId } from './audit-filter.js'
import { listBreakGlassForReview, REVIEWED_SHOWN } from './break-glass.queries.js'

type Ctx = Context<AppEnv>

// Oversized input falls back to '' (forms.ts) and is refused with the "required" message.
const reasonForm = z.object({
  reason: z
    .string()
    .max(4 * BREAK_GLASS_REASON_MAX)
    .default(''),
})
const noteForm = z.object({
  note: z
    .string()
    .max(4 * REVIEW_NOTE_MAX)
    .default(''),
})

function deps(c: Ctx) {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, now: s.now }
}

function pathId(c: Ctx, name: string): number {
  const id = parsePositiveId(c.req.param(name))
  if (id === undefined) throw notFound()
  return id
}

/** The `:patientId` of a registered patient: no grant is ever opened on an id nobody holds yet. */
async function patientPathId(c: Ctx): Promise<number> {
  const id = pathId(c, 'patientId')
  if (!(await findPatientBrief(c.get('services').db, id))) throw notFound()
  return id
}

async function renderQueue(c: Ctx, failed?: { id: number; message: string; note: string }) {
  const { open, reviewed } = await listBreakGlassForReview(c.get('services').db)
  return c.render(
    <BreakGlassQueue
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      open={open}
      reviewed={reviewed}
      reviewedShown={REVIEWED_SHOWN}
      failed={failed}
    />,
    { title: c.get('i18n').t('break_glass.queue.title') },
  )
}

/** Break-glass: a doctor's request (surgery or office), the owner's review queue (office). */
export function breakGlassRoutes() {
  const app = new Hono<AppEnv>()

  // --- request (named people with medical.read; checklist 19) ---
  const requestPage = (c: Ctx, patientId: number, reason?: string, error?: string) =>
    c.render(
      <BreakGlassRequest
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        patientId={patientId}
        minutes={BREAK_GLASS_MINUTES}
        minReason={BREAK_GLASS_REASON_MIN}
        reason={reason}
        error={error}
      />,
      { title: c.get('i18n').t('break_glass.title') },
    )

  app.get('/break-glass/:patientId', allow('medical.read'), async (c) =>
    requestPage(c, await patientPathId(c)),
  )

  app.post('/break-glass/:patientId', allow('medical.read'), async (c) => {
    const patientId = await patientPathId(c)
    const { reason } = await form(c, reasonForm)
    const { t } = c.get('i18n')
    try {
      await requestBreakGlass(deps(c), auditActor(c), {
        staffId: c.get('session')!.staffId,
        deviceId: c.get('device').id,
        patientId,
        reason,
      })
    } catch (err) {
      if (!(err instanceof BreakGlassError)) throw err
      c.status(422)
      const message =
        err.problem === 'reason_too_long'
          ? t('break_glass.reason_too_long', { max: BREAK_GLASS_REASON_MAX })
          : t('break_glass.reason_too_short', { min: BREAK_GLASS_REASON_MIN })
      return requestPage(c, patientId, reason, message)
    }
    // The medical card does not exist yet; then this goes to /patients/:id/card.
    return c.redirect('/', 303)
  })

  // --- the owner's review queue ---
  app.get('/audit/break-glass', allow('audit.read'), (c) => renderQueue(c))

  app.post('/audit/break-glass/:id/review', allow('audit.read'), async (c) => {
    const id = pathId(c, 'id')
    const { note } = await form(c, noteForm)
    const { t } = c.get('i18n')
    try {
      await reviewBreakGlass(
        deps(c),
        { ...auditActor(c), staffId: c.get('session')!.staffId },
        {
          id,
          note,
        },
      )
    } catch (err) {
      if (!(err instanceof BreakGlassError)) throw err
      if (err.problem === 'not_found') throw notFound()
      const message =
        err.problem === 'note_too_long'
          ? t('break_glass.note_too_long', { max: REVIEW_NOTE_MAX })
          : err.problem === 'own_grant'
            ? t('break_glass.own_grant')
            : err.problem === 'already_reviewed'
              ? t('break_glass.already_reviewed')
              : t('break_glass.note_required')
      c.status(err.problem === 'already_reviewed' ? 409 : 422)
      return renderQueue(c, { id, message, note })
    }
    return c.redirect('/audit/break-glass', 303)
  })

  return app
}
