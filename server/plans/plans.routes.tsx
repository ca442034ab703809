import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { PlanPrintPage } from '../../views/plans/plan-print.page.js'
import { PlansListPage } from '../../views/plans/plans-list.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { fullName, medicalPatient, type PatientHeader } from './medical-access.js'
import { actorOf, depsOf, moneyFor, planOf, renderPlan } from './plan-page.js'
import { listItems, listPlansForPatient, listStages } from './plans.queries.js'
import { createPlan } from './plans.service.js'
import { clinicToday } from '../schedule/clinic-time.js'

type Ctx = Context<AppEnv>

async function listPage(c: Ctx, patient: PatientHeader, input?: { title: string; error: string }) {
  const s = c.get('services')
  const plans = await listPlansForPatient(s.db, patient.id)
  await recordAudit(s.db, s.keys.audit, auditActor(c), {
    action: 'plan.list',
    patientId: patient.id,
    category: 'medical',
    details: { count: plans.length },
  })
  return c.render(
    <PlansListPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      patient={{ ...patient, full_name: fullName(patient) }}
      plans={plans}
      canWrite={await can(c, 'medical.write')}
      title={input?.title}
      error={input?.error}
    />,
    { title: c.get('i18n').t('plans.list_title') },
  )
}

/** Treatment plans of a patient: list, create, open, print (issue 5, item 3). */
export function planRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:patientId/plans', allow('medical.read'), async (c) =>
    listPage(c, await medicalPatient(c)),
  )

  app.post('/patients/:patientId/plans', allow('medical.write'), async (c) => {
    const patient = await medicalPatient(c)
    const input = await form(c, z.object({ title: z.string().max(2000).default('') }))
    const result = await createPlan(depsOf(c), actorOf(c), patient.id, input)
    if (result.ok) return c.redirect(`/patients/${patient.id}/plans/${result.id}`, 303)
    c.status(422)
    return listPage(c, patient, { title: input.title, error: c.get('i18n').t('plans.error.title') })
  })

  app.get('/patients/:patientId/plans/:planId', allow('medical.read'), async (c) => {
    const patient = await medicalPatient(c)
    return renderPlan(c, patient, await planOf(c, patient))
  })

  app.get('/patients/:patientId/plans/:planId/print', allow('medical.read'), async (c) => {
    const s = c.get('services')
    const patient = await medicalPatient(c)
    const plan = await planOf(c, patient)
    const page = (
      <PlanPrintPage
        i18n={c.get('i18n')}
        clinicName={s.config.clinicName}
        patient={{ ...patient, full_name: fullName(patient) }}
        plan={plan}
        stages={await listStages(s.db, plan.id)}
        items={await listItems(s.db, plan.id)}
        money={await moneyFor(c)}
        today={clinicToday(s.now(), s.config.timeZone)}
      />
    )
    // Printing is audited on its own (checklist 21): paper leaves the system's control.
    await recordAudit(s.db, s.keys.audit, auditActor(c), {
      action: 'plan.print',
      patientId: patient.id,
      category: 'medical',
      details: { plan: plan.id },
    })
    return c.html(`<!DOCTYPE html>${await page.toString()}`)
  })

  return app
}
