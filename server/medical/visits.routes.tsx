import { Hono, type Context } from 'hono'
import { VisitPage } from '../../views/medical/visit.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { renderEditor } from './editor.js'
import { openMedical, pathNumber, type MedicalGate } from './medical-access.js'
import { authorOf, baseRevision, clinicDay, medicalPowers } from './request.js'
import { findTemplate } from './templates.queries.js'
import { formBody, readChoice } from './text-input.js'
import { listDoctors } from './doctors.queries.js'
import { VISIT_REFUSALS } from './visit-errors.js'
import { applyTemplate, checkVisit, emptyVisit, readVisit, visitValues } from './visit-form.js'
import { findLatestRevision, listRevisions } from './visits.queries.js'
import { createVisit, saveDraft, VisitError } from './visits.service.js'

type Ctx = Context<AppEnv>

/** The record id of the path, or a recorded 404 (never a 500 for "abc"). */
export async function recordIdOf(c: Ctx, gate: MedicalGate): Promise<number> {
  const id = pathNumber(c.req.param('visitId'))
  if (id === undefined) throw await gate.refuse(404)
  return id
}

/** Maps a refused step to its answer, recorded on the gate; other errors pass through. */
export async function refusal(gate: MedicalGate, err: unknown, recordId: number) {
  if (!(err instanceof VisitError)) return err
  const r = VISIT_REFUSALS[err.problem]
  return gate.refuse(r.status, { record: recordId, problem: err.problem }, r.key)
}

async function doctorIds(c: Ctx) {
  return new Set((await listDoctors(c.get('services').db)).map((d) => d.id))
}

/** New records, drafts, and the form helpers (template fill, K-code search). */
export function visitRoutes() {
  const app = new Hono<AppEnv>()

  // --- a new record ---
  app.get('/patients/:id/medical/visits/new', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.section.view', category: 'visit' })
    await gate.ok(c.get('services').db, { form: 'new' })
    const session = c.get('session')!
    const isDoctor = session.role === 'doctor' || session.role === 'owner'
    const values = emptyVisit(clinicDay(c), isDoctor ? session.staffId : null)
    return renderEditor(c, { patient: gate.patient, mode: 'new', values })
  })

  app.post('/patients/:id/medical/visits', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.visit.create', category: 'visit' })
    const s = c.get('services')
    const { values, errors } = readVisit(await formBody(c))
    const ctx = { today: clinicDay(c), doctorIds: await doctorIds(c), needReason: false }
    const content = checkVisit(values, errors, ctx)
    if (!content) {
      await gate.failed({ status: 422, fields: Object.keys(errors).join(',') })
      return renderEditor(c, { patient: gate.patient, mode: 'new', values, errors }, 422)
    }
    const { record_id } = await s.db.transaction().execute(async (trx) => {
      const r = await createVisit(trx, authorOf(c), s.now().toISOString(), gate.patient.id, content)
      await gate.ok(trx, { record: r.record_id, revision: 1 })
      return r
    })
    return c.redirect(`/patients/${gate.patient.id}/medical/visits/${record_id}`, 303)
  })

  // --- the editor re-rendered with a template or K-code search; changes nothing ---
  app.post('/patients/:id/medical/visits/compose', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.section.view', category: 'visit' })
    const body = await formBody(c)
    let { values } = readVisit(body)
    const modeRaw = readChoice(body, 'mode')
    const recordId = pathNumber(readChoice(body, 'record_id'))
    const mode = (modeRaw === 'edit' || modeRaw === 'correct') && recordId ? modeRaw : 'new'
    const templateId = pathNumber(readChoice(body, 'template'))
    if (readChoice(body, 'intent') === 'template' && templateId) {
      const me = c.get('session')!.staffId
      const doctor = pathNumber(values.doctor_id)
      const tpl = await findTemplate(c.get('services').db, templateId, doctor ? [me, doctor] : [me])
      if (tpl) values = applyTemplate(values, tpl)
    }
    await gate.ok(c.get('services').db, { form: 'compose', template: templateId ?? null })
    return renderEditor(c, {
      patient: gate.patient,
      mode,
      recordId: mode === 'new' ? undefined : recordId,
      baseRevision: mode === 'new' ? undefined : baseRevision(body.base_revision),
      values,
      icdQuery: readChoice(body, 'icd_q'),
    })
  })

  // --- one record ---
  app.get('/patients/:id/medical/visits/:visitId', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.section.view', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    return showVisit(c, gate, recordId)
  })

  app.get('/patients/:id/medical/visits/:visitId/edit', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.section.view', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const latest = await findLatestRevision(c.get('services').db, gate.patient.id, recordId)
    if (!latest) throw await gate.refuse(404, { record: recordId })
    if (latest.status !== 'draft') {
      throw await refusal(
        gate,
        new VisitError(latest.status === 'signed' ? 'signed' : 'deleted'),
        recordId,
      )
    }
    await gate.ok(c.get('services').db, { record: recordId, form: 'edit' })
    return renderEditor(c, {
      patient: gate.patient,
      mode: 'edit',
      recordId,
      baseRevision: latest.revision,
      values: visitValues(latest),
    })
  })

  app.post('/patients/:id/medical/visits/:visitId', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.visit.save', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const s = c.get('services')
    const body = await formBody(c)
    const { values, errors } = readVisit(body)
    const base = baseRevision(body.base_revision)
    const state = {
      patient: gate.patient,
      mode: 'edit' as const,
      recordId,
      baseRevision: base,
      values,
    }
    const content = checkVisit(values, errors, {
      today: clinicDay(c),
      doctorIds: await doctorIds(c),
      needReason: false,
    })
    if (!content) {
      await gate.failed({ status: 422, record: recordId })
      return renderEditor(c, { ...state, errors }, 422)
    }
    try {
      await s.db.transaction().execute(async (trx) => {
        const r = await saveDraft(
          trx,
          authorOf(c),
          s.now().toISOString(),
          { patientId: gate.patient.id, recordId, base },
          content,
        )
        await gate.ok(trx, { record: recordId, revision: base + 1, entry: r.id })
      })
    } catch (err) {
      if (err instanceof VisitError && err.problem === 'conflict') {
        await gate.failed({ status: 409, record: recordId })
        const notice = `${c.get('i18n').t('medical.error.conflict')} ${c.get('i18n').t('medical.editor.conflict_hint')}`
        return renderEditor(c, { ...state, notice }, 409)
      }
      throw await refusal(gate, err, recordId)
    }
    return c.redirect(`/patients/${gate.patient.id}/medical/visits/${recordId}`, 303)
  })

  return app
}

/** The record page: latest version, and the valid signed one while a correction is a draft. */
export async function showVisit(
  c: Ctx,
  gate: MedicalGate,
  recordId: number,
  error?: { status: 422; message: string },
) {
  const db = c.get('services').db
  const rows = await listRevisions(db, gate.patient.id, recordId)
  const latest = rows.at(-1)
  if (!latest) throw await gate.refuse(404, { record: recordId })
  if (error) await gate.failed({ status: error.status, record: recordId })
  else await gate.ok(db, { record: recordId, revision: latest.revision })
  const signed =
    latest.status === 'draft' ? rows.filter((r) => r.status === 'signed').at(-1) : undefined
  if (error) c.status(error.status)
  return c.render(
    <VisitPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      patient={gate.patient}
      latest={latest}
      signed={signed}
      can={await medicalPowers(c)}
      everSigned={rows.some((r) => r.status === 'signed')}
      isDoctor={latest.doctor_id === c.get('session')!.staffId}
      error={error?.message}
    />,
    { title: c.get('i18n').t('medical.card.title') },
  )
}
