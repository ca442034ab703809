import { Hono } from 'hono'
import { HistoryPage } from '../../views/medical/history.page.js'
import { MedicalPrintDocument } from '../../views/medical/print-document.js'
import { PrintVisit } from '../../views/medical/print-visit.page.js'
import { allow, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { listDoctors } from './doctors.queries.js'
import { renderEditor } from './editor.js'
import { formatDay } from './format.js'
import { visitHistory } from './history.js'
import { LINE_MAX, REASON_MIN } from './layout.js'
import { openMedical } from './medical-access.js'
import { authorOf, baseRevision, clinicDay } from './request.js'
import { formBody, readText } from './text-input.js'
import { checkVisit, readVisit, visitValues } from './visit-form.js'
import { findLatestRevision, findLatestSigned, listRevisions } from './visits.queries.js'
import { recordIdOf, refusal, showVisit } from './visits.routes.js'
import { correctVisit, deleteVisit, signVisit, VisitError } from './visits.service.js'

/** Signing, corrections with a reason, "deletion" with a reason, history and printing. */
export function visitActionRoutes() {
  const app = new Hono<AppEnv>()

  // --- signing: the record's doctor, at the revision they saw ---
  app.post('/patients/:id/medical/visits/:visitId/sign', allow('medical.sign'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.visit.sign', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const s = c.get('services')
    const base = baseRevision((await formBody(c)).base_revision)
    try {
      await s.db.transaction().execute(async (trx) => {
        const at = s.now().toISOString()
        const r = await signVisit(trx, authorOf(c), at, {
          patientId: gate.patient.id,
          recordId,
          base,
        })
        await gate.ok(trx, { record: recordId, revision: base + 1, entry: r.id })
      })
    } catch (err) {
      throw await refusal(gate, err, recordId)
    }
    return c.redirect(`/patients/${gate.patient.id}/medical/visits/${recordId}`, 303)
  })

  // --- corrections of a signed record (947н p.21: a new version, with a reason) ---
  app.get('/patients/:id/medical/visits/:visitId/correct', allow('medical.sign'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.section.view', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const latest = await findLatestRevision(c.get('services').db, gate.patient.id, recordId)
    if (!latest) throw await gate.refuse(404, { record: recordId })
    if (latest.status !== 'signed') {
      throw await refusal(
        gate,
        new VisitError(latest.status === 'draft' ? 'not_signed' : 'deleted'),
        recordId,
      )
    }
    await gate.ok(c.get('services').db, { record: recordId, form: 'correct' })
    return renderEditor(c, {
      patient: gate.patient,
      mode: 'correct',
      recordId,
      baseRevision: latest.revision,
      values: visitValues(latest),
    })
  })

  app.post('/patients/:id/medical/visits/:visitId/correct', allow('medical.sign'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.visit.correct', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const s = c.get('services')
    const body = await formBody(c)
    const { values, errors } = readVisit(body)
    const base = baseRevision(body.base_revision)
    const doctorIds = new Set((await listDoctors(s.db)).map((d) => d.id))
    const content = checkVisit(values, errors, { today: clinicDay(c), doctorIds, needReason: true })
    const state = {
      patient: gate.patient,
      mode: 'correct' as const,
      recordId,
      baseRevision: base,
      values,
    }
    if (!content) {
      await gate.failed({ status: 422, record: recordId })
      return renderEditor(c, { ...state, errors }, 422)
    }
    try {
      await s.db.transaction().execute(async (trx) => {
        const at = s.now().toISOString()
        const ref = { patientId: gate.patient.id, recordId, base }
        const r = await correctVisit(trx, authorOf(c), at, ref, content, values.reason)
        await gate.ok(trx, {
          record: recordId,
          revision: base + 1,
          entry: r.id,
          reason: values.reason,
        })
      })
    } catch (err) {
      if (err instanceof VisitError && err.problem === 'conflict') {
        await gate.failed({ status: 409, record: recordId })
        const { t } = c.get('i18n')
        return renderEditor(
          c,
          {
            ...state,
            notice: `${t('medical.error.conflict')} ${t('medical.editor.conflict_hint')}`,
          },
          409,
        )
      }
      throw await refusal(gate, err, recordId)
    }
    return c.redirect(`/patients/${gate.patient.id}/medical/visits/${recordId}`, 303)
  })

  // --- "deletion": a last revision with a reason; a once-signed record needs a signer ---
  app.post('/patients/:id/medical/visits/:visitId/delete', allow('medical.write'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.visit.delete', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const s = c.get('services')
    const body = await formBody(c)
    const reason = readText(body, 'reason', LINE_MAX)
    const text = reason.value.trim()
    if (reason.error || text.length < REASON_MIN) {
      const e = reason.error ?? {
        key: 'medical.error.reason' as const,
        params: { min: REASON_MIN },
      }
      return showVisit(c, gate, recordId, {
        status: 422,
        message: c.get('i18n').t(e.key, e.params),
      })
    }
    const everSigned = await findLatestSigned(s.db, gate.patient.id, recordId)
    if (everSigned && !(await can(c, 'medical.sign'))) {
      throw await gate.refuse(403, { record: recordId }, 'medical.error.sign_to_delete')
    }
    try {
      await s.db.transaction().execute(async (trx) => {
        const ref = { patientId: gate.patient.id, recordId, base: baseRevision(body.base_revision) }
        const r = await deleteVisit(trx, authorOf(c), s.now().toISOString(), ref, text)
        await gate.ok(trx, { record: recordId, entry: r.id, reason: text })
      })
    } catch (err) {
      throw await refusal(gate, err, recordId)
    }
    return c.redirect(`/patients/${gate.patient.id}/medical`, 303)
  })

  // --- who changed what ---
  app.get('/patients/:id/medical/visits/:visitId/history', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.history.view', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const { db } = c.get('services')
    const rows = await listRevisions(db, gate.patient.id, recordId)
    if (rows.length === 0) throw await gate.refuse(404, { record: recordId })
    await gate.ok(db, { record: recordId, revisions: rows.length })
    const { t } = c.get('i18n')
    const title = t('medical.history.title', {
      date: formatDay(c.get('i18n'), rows.at(-1)!.visit_date),
    })
    return c.render(
      <HistoryPage
        i18n={c.get('i18n')}
        patient={gate.patient}
        title={title}
        back={{
          href: `/patients/${gate.patient.id}/medical/visits/${recordId}`,
          label: t('medical.visit.back'),
        }}
        entries={visitHistory(rows, c.get('i18n'))}
      />,
      { title },
    )
  })

  // --- printing: the valid signed version, or a draft marked as such ---
  app.get('/patients/:id/medical/visits/:visitId/print', allow('medical.read'), async (c) => {
    const gate = await openMedical(c, { action: 'medical.print', category: 'visit' })
    const recordId = await recordIdOf(c, gate)
    const s = c.get('services')
    const rows = await listRevisions(s.db, gate.patient.id, recordId)
    const entry = rows.filter((r) => r.status === 'signed').at(-1) ?? rows.at(-1)
    if (!entry) throw await gate.refuse(404, { record: recordId })
    await gate.ok(s.db, { record: recordId, revision: entry.revision })
    const i18n = c.get('i18n')
    const back = `/patients/${gate.patient.id}/medical/visits/${recordId}`
    const html = await (
      <MedicalPrintDocument i18n={i18n} title={i18n.t('medical.print.visit_title')} backHref={back}>
        <PrintVisit
          i18n={i18n}
          patient={gate.patient}
          entry={entry}
          printedAt={s.now().toISOString()}
          printedBy={c.get('session')!.fullName}
        />
      </MedicalPrintDocument>
    ).toString()
    return c.html(`<!DOCTYPE html>${html}`)
  })

  return app
}
