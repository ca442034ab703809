import { Hono, type Context } from 'hono'
import { ConsentsPage, type ConsentFormState } from '../../views/patients/consents.page.js'
import { fullName } from '../../views/patients/format.js'
import type { DbOrTrx } from '../database.js'
import { fileStoreOf } from '../files/file-store.js'
import { saveFile } from '../files/files.service.js'
import { allow, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { consentPrintRoutes } from './consent-print.routes.js'
import {
  consentInForce,
  currentTemplate,
  findConsent,
  insertConsent,
  listConsents,
  templateKindOf,
  withdrawConsent,
} from './consents.queries.js'
import { ageOn, parseDateInput } from './dates.js'
import { sendVerifiedFile } from './file-response.js'
import { auditPatient, pathId, patientFromPath, today } from './patient-access.js'
import { patientTabs } from './patient-tabs.js'
import { GUARDIAN_REQUIRED_UNDER } from './patients.service.js'
import { CONSENT_KINDS, type ConsentKind, type Patient } from './patients.table.js'
import { megabytes, readMultipart, REFUSAL_MESSAGE, scanProblemMessage } from './upload.js'

type Ctx = Context<AppEnv>

async function renderConsents(
  c: Ctx,
  patient: Patient,
  state: Partial<ConsentFormState> & { notice?: string } = {},
) {
  const s = c.get('services')
  return c.render(
    <ConsentsPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      patient={patient}
      tabs={await patientTabs(c)}
      consents={await listConsents(s.db, patient.id)}
      canWrite={await can(c, 'patients.consents.write')}
      canSeeScans={await can(c, 'patients.documents.read')}
      today={today(c)}
      maxMb={megabytes(s.config.uploadMaxBytes)}
      form={{
        kind: 'pd_processing',
        given_on: today(c),
        signed_by: 'patient',
        errors: {},
        ...state,
      }}
      notice={state.notice}
    />,
    { title: fullName(patient) },
  )
}

/** A consent date: a real day, not in the future, not before `earliest`. */
function checkDay(c: Ctx, value: string, earliest: string) {
  const { t } = c.get('i18n')
  const day = parseDateInput(value)
  if (!day) return { error: t('patients.error.date') }
  if (day > today(c)) return { error: t('patients.error.future') }
  if (day < earliest) return { error: t('patients.error.before_birth') }
  return { day }
}

/** 152-ФЗ consents: processing and each marketing channel apart, each withdrawable. */
export function consentRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:id/consents', allow('patients.contacts.read'), async (c) => {
    const patient = await patientFromPath(c)
    await auditPatient(c, c.get('services').db, {
      action: 'patient.consents.view',
      patientId: patient.id,
      category: 'consents',
    })
    const { t } = c.get('i18n')
    const done = c.req.query('done')
    return renderConsents(c, patient, {
      notice:
        done === 'recorded'
          ? t('patients.consents.recorded')
          : done === 'withdrawn'
            ? t('patients.consents.withdrawn')
            : undefined,
    })
  })

  app.post('/patients/:id/consents/add', allow('patients.consents.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const patient = await patientFromPath(c)
    const { fields, file } = await readMultipart(c, 'scan')
    const state: ConsentFormState = {
      kind: fields.kind ?? '',
      given_on: fields.given_on ?? '',
      signed_by: fields.signed_by ?? '',
      errors: {},
    }
    const kind = state.kind as ConsentKind
    if (!CONSENT_KINDS.includes(kind)) state.errors.kind = t('patients.error.choose')
    const given = checkDay(c, state.given_on, patient.birth_date)
    if (given.error) state.errors.given_on = given.error
    const signedBy = state.signed_by
    if (signedBy !== 'patient' && signedBy !== 'representative')
      state.errors.signed_by = t('patients.error.choose')
    // 323-ФЗ ст.54: under 15 the legal representative signs.
    else if (
      signedBy === 'patient' &&
      ageOn(patient.birth_date, today(c)) < GUARDIAN_REQUIRED_UNDER
    ) {
      state.errors.signed_by = t('patients.error.guardian_required')
    }
    if (!state.errors.kind && (await consentInForce(s.db, patient.id, kind, today(c)))) {
      state.errors.kind = t('patients.consents.error.already')
    }
    const template = CONSENT_KINDS.includes(kind)
      ? await currentTemplate(s.db, templateKindOf(kind))
      : undefined
    if (Object.keys(state.errors).length > 0 || !given.day || !template) {
      c.status(422)
      return renderConsents(c, patient, state)
    }
    const at = s.now().toISOString()
    const record = async (trx: DbOrTrx, fileId: number | null) => {
      const id = await insertConsent(trx, {
        patient_id: patient.id,
        kind,
        template_id: template.id,
        signed_by: signedBy as 'patient' | 'representative',
        given_on: given.day,
        file_id: fileId,
        recorded_at: at,
        recorded_by: c.get('session')!.staffId,
      })
      await auditPatient(c, trx, {
        action: 'patient.consent.record',
        patientId: patient.id,
        category: 'consents',
        details: { consent: id, kind, version: template.version, scan: fileId !== null },
      })
    }
    // A refused scan leaves a trace, as a refused document or X-ray does.
    const refuseScan = async (reason: string, message: string) => {
      await auditPatient(c, s.db, {
        action: 'patient.consent.record',
        outcome: 'failed',
        patientId: patient.id,
        category: 'consents',
        details: { kind, reason },
      })
      state.errors.scan = message
      c.status(422)
      return renderConsents(c, patient, state)
    }
    if (file?.problem) {
      return refuseScan(file.problem, scanProblemMessage(t, file.problem, s.config.uploadMaxBytes))
    }
    if (file) {
      const saved = await saveFile(s.db, fileStoreOf(s), { data: file.data, at }, (trx, fileId) =>
        record(trx, fileId),
      )
      if (!saved.ok) {
        return refuseScan(
          saved.reason,
          t(REFUSAL_MESSAGE[saved.reason], { mb: megabytes(s.config.uploadMaxBytes) }),
        )
      }
    } else {
      await s.db.transaction().execute((trx) => record(trx, null))
    }
    return c.redirect(`/patients/${patient.id}/consents?done=recorded`, 303)
  })

  app.post(
    '/patients/:id/consents/:consentId/withdraw',
    allow('patients.consents.write'),
    async (c) => {
      const s = c.get('services')
      const { t } = c.get('i18n')
      const patient = await patientFromPath(c)
      const consentId = pathId(c, 'consentId')
      const consent =
        consentId === undefined ? undefined : await findConsent(s.db, patient.id, consentId)
      if (!consent) throw notFound()
      const { fields } = await readMultipart(c, '')
      const withdrawal = {
        id: consent.id,
        withdrawn_on: fields.withdrawn_on ?? '',
        error: undefined as string | undefined,
      }
      const day = checkDay(c, withdrawal.withdrawn_on, consent.given_on)
      if (consent.withdrawn_on !== null) withdrawal.error = t('patients.consents.error.not_active')
      else if (day.error)
        withdrawal.error =
          day.error === t('patients.error.before_birth')
            ? t('patients.consents.error.withdrawn_before')
            : day.error
      if (withdrawal.error || !day.day) {
        c.status(422)
        return renderConsents(c, patient, { withdrawal })
      }
      const on = day.day
      await s.db.transaction().execute(async (trx) => {
        await withdrawConsent(trx, consent.id, {
          withdrawn_on: on,
          withdrawn_at: s.now().toISOString(),
          withdrawn_by: c.get('session')!.staffId,
        })
        await auditPatient(c, trx, {
          action: 'patient.consent.withdraw',
          patientId: patient.id,
          category: 'consents',
          details: { consent: consent.id, kind: consent.kind },
        })
      })
      return c.redirect(`/patients/${patient.id}/consents?done=withdrawn`, 303)
    },
  )

  app.get('/patients/:id/consents/:consentId/scan', allow('patients.documents.read'), async (c) => {
    const s = c.get('services')
    const patient = await patientFromPath(c)
    const consentId = pathId(c, 'consentId')
    const consent =
      consentId === undefined ? undefined : await findConsent(s.db, patient.id, consentId)
    if (!consent || consent.file_id === null) throw notFound()
    return sendVerifiedFile(
      c,
      { id: consent.file_id, name: `consent-${consent.id}` },
      {
        action: 'patient.consent.scan.view',
        patientId: patient.id,
        details: { consent: consent.id },
      },
    )
  })

  app.route('/', consentPrintRoutes())
  return app
}
