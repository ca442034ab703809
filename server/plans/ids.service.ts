import { recordAudit } from '../audit/audit.service.js'
import type { DbOrTrx } from '../database.js'
import {
  recordMedicalFile,
  writeMedicalBlobs,
  type MedicalBlobs,
} from '../medical-files/medical-files.service.js'
import type { BlobStore } from '../medical-files/store.adapter.js'
import type { UploadCheck } from '../medical-files/upload-check.js'
import { formId, isoDate, oneLine, optionalLine } from './fields.js'
import { findTemplate } from './ids.queries.js'
import type { PatientHeader } from './medical-access.js'
import type { ItemRow, PlanRow } from './plans.queries.js'
import type { Actor, FieldErrors, PlanDeps, Result } from './plans.service.js'
import { ageOn } from '../patients/dates.js'

// Informed voluntary consent (ИДС, 323-ФЗ ст.20): printed from a template, signed on paper,
// recorded here with the date, who signed and, if scanned, the scan. Under 15 a legal
// representative signs (ст.20 ч.2, ст.54).

export const REPRESENTATIVE_UNDER = 15

export const isMinorOn = (patient: PatientHeader, day: string) =>
  ageOn(patient.birth_date, day) < REPRESENTATIVE_UNDER

export interface ConsentInput {
  template_id: string
  item_id: string
  signed_on: string
  signer: string
  representative_name: string
  representative_relation: string
}

/**
 * Records a signed ИДС and its optional scan (already checked) in one transaction, with
 * `plan.ids_signed` (and the scan's `medical_file.upload`).
 */
export async function recordConsent(
  deps: PlanDeps & { store: BlobStore },
  actor: Actor,
  ctx: { plan: PlanRow; patient: PatientHeader; items: ItemRow[]; today: string },
  raw: ConsentInput,
  scan: Extract<UploadCheck, { ok: true }> | undefined,
): Promise<Result> {
  const errors: FieldErrors = {}
  const templateId = formId(raw.template_id)
  const template = templateId ? await findTemplate(deps.db, templateId) : undefined
  if (!template) errors.template_id = 'ids.error.template'
  const itemId = raw.item_id.trim() === '' ? null : formId(raw.item_id)
  if (itemId === undefined || (itemId !== null && !ctx.items.some((i) => i.id === itemId)))
    errors.item_id = 'ids.error.item'
  const signedOn = isoDate(raw.signed_on)
  if (!signedOn || signedOn > ctx.today) errors.signed_on = 'ids.error.date'
  const signer =
    raw.signer === 'representative'
      ? 'representative'
      : raw.signer === 'patient'
        ? 'patient'
        : undefined
  if (!signer) errors.signer = 'ids.error.signer'
  if (signer === 'patient' && signedOn && isMinorOn(ctx.patient, signedOn))
    errors.signer = 'ids.error.minor'
  let repName: string | null = null
  let repRelation: string | null = null
  if (signer === 'representative') {
    repName = oneLine(raw.representative_name, 200) ?? null
    if (!repName) errors.representative_name = 'ids.error.representative'
    const relation = optionalLine(raw.representative_relation, 100)
    if (relation === undefined) errors.representative_relation = 'ids.error.relation'
    repRelation = relation || null
  }
  if (Object.keys(errors).length > 0 || !template || !signedOn || !signer)
    return { ok: false, errors }
  const now = deps.now()
  const fileDeps = { store: deps.store, auditKey: deps.auditKey, now }
  const blobs: MedicalBlobs | undefined = scan
    ? await writeMedicalBlobs(deps.store, scan)
    : undefined
  const record = async (trx: DbOrTrx) => {
    const scanId =
      scan && blobs
        ? await recordMedicalFile(
            trx,
            fileDeps,
            actor,
            {
              patientId: ctx.patient.id,
              kind: 'consent_scan',
              file: scan,
              description: template.title,
              takenOn: signedOn,
            },
            blobs,
          )
        : null
    const { id } = await trx
      .insertInto('plan_consents')
      .values({
        plan_id: ctx.plan.id,
        item_id: itemId ?? null,
        template_id: template.id,
        signed_on: signedOn,
        signer,
        representative_name: repName,
        representative_relation: repRelation,
        scan_id: scanId,
        recorded_by: actor.staffId,
        device_id: actor.deviceId,
        recorded_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const details = { plan: ctx.plan.id, consent: id, item: itemId ?? null, template: template.id }
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'plan.ids_signed',
        patientId: ctx.patient.id,
        category: 'medical',
        details: { ...details, signed_on: signedOn, signer, scan: scanId },
      },
      now,
    )
    return id
  }
  let id: number
  try {
    id = await deps.db.transaction().execute(record)
  } catch (err) {
    await deps.store.discard([blobs?.original, blobs?.thumbnail])
    throw err
  }
  return { ok: true, id }
}
