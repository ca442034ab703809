import type { Context } from 'hono'
import { PlanPage, type PlanPageProps } from '../../views/plans/plan.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { moneyFormatter } from '../prices/money.js'
import { listPriceItems } from '../prices/prices.queries.js'
import { findGuardian, listConsents, listCurrentTemplates } from './ids.queries.js'
import { isMinorOn } from './ids.service.js'
import { fullName, pathId, type PatientHeader } from './medical-access.js'
import {
  currentPlanStatus,
  findPlan,
  listItems,
  listStages,
  listStatusHistory,
  type PlanRow,
} from './plans.queries.js'
import { clinicToday } from '../schedule/clinic-time.js'

type Ctx = Context<AppEnv>

/** Who acts, for services and their audit events. */
export const actorOf = (c: Ctx) => ({ ...auditActor(c), staffId: c.get('session')!.staffId })

export const depsOf = (c: Ctx) => {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, now: s.now, timeZone: s.config.timeZone }
}

/** The plan of `:planId`, which must belong to the patient of the path (IDOR → 404). */
export async function planOf(c: Ctx, patient: PatientHeader): Promise<PlanRow> {
  const plan = await findPlan(c.get('services').db, patient.id, pathId(c, 'planId'))
  if (!plan) throw notFound()
  return plan
}

/** Money only for whom billing allows (an assistant plans but does not quote). */
export async function moneyFor(c: Ctx) {
  return (await can(c, 'billing.read')) ? moneyFormatter(c.get('i18n').locale) : undefined
}

/**
 * Renders the plan page and records the one `plan.open` event of this read, also when the
 * page comes back with a refused form (it shows the plan all the same).
 */
export async function renderPlan(
  c: Ctx,
  patient: PatientHeader,
  plan: PlanRow,
  opts: Pick<PlanPageProps, 'failed' | 'itemError'> = {},
) {
  const s = c.get('services')
  const db = s.db
  const canWrite = await can(c, 'medical.write')
  const today = clinicToday(s.now(), s.config.timeZone)
  const guardianRow = patient.guardian_id ? await findGuardian(db, patient.guardian_id) : undefined
  const items = await listItems(db, plan.id)
  const props: PlanPageProps = {
    i18n: c.get('i18n'),
    csrfToken: c.get('csrfToken'),
    patient: { ...patient, full_name: fullName(patient) },
    plan,
    status: await currentPlanStatus(db, plan.id),
    items,
    stages: await listStages(db, plan.id),
    money: await moneyFor(c),
    canWrite,
    priceItems: canWrite ? await listPriceItems(db, { activeOnly: true }) : [],
    history: await listStatusHistory(db, plan.id),
    consents: {
      consents: await listConsents(db, plan.id),
      templates: await listCurrentTemplates(db),
      minor: isMinorOn(patient, today),
      guardian: guardianRow && {
        name: fullName(guardianRow),
        relation: patient.guardian_relation ?? '',
      },
      today,
      canSeeScans: await can(c, 'medical.files.read'),
      canUploadScan: await can(c, 'medical.files.write'),
    },
    ...opts,
  }
  await recordAudit(db, s.keys.audit, auditActor(c), {
    action: 'plan.open',
    patientId: patient.id,
    category: 'medical',
    details: { plan: plan.id, ...(opts.failed || opts.itemError ? { refused_change: true } : {}) },
  })
  if (opts.failed || opts.itemError) c.status(422)
  return c.render(<PlanPage {...props} />, {
    title: c.get('i18n').t('plans.plan_title', { title: plan.title }),
  })
}
