import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import type { FormErrors } from '../../views/plans/plan-forms.partial.js'
import type { PlanFormName } from '../../views/plans/plan.page.js'
import { medicalPatient, pathId } from './medical-access.js'
import { actorOf, depsOf, planOf, renderPlan } from './plan-page.js'
import { listItems, findItem } from './plans.queries.js'
import { changeItemStatus, changePlanStatus } from './plan-status.service.js'
import { addItem, addStage, type Result } from './plans.service.js'

type Ctx = Context<AppEnv>
const field = (max: number) => z.string().max(max).default('')

const stageForm = z.object({ title: field(2000) })
const itemForm = z.object({
  stage_id: field(20),
  tooth: field(20),
  price_item_id: field(20),
  quantity: field(20),
})
const statusForm = z.object({ status: field(20), reason: field(2000) })

/** After a change: back to the plan (POST-redirect-GET), or the page again with the messages. */
async function done(
  c: Ctx,
  result: Result,
  ctx: {
    patient: Awaited<ReturnType<typeof medicalPatient>>
    plan: Awaited<ReturnType<typeof planOf>>
  },
  formName: PlanFormName,
  values: Record<string, string>,
) {
  if (result.ok) return c.redirect(`/patients/${ctx.patient.id}/plans/${ctx.plan.id}`, 303)
  const { t } = c.get('i18n')
  const errors: FormErrors = Object.fromEntries(
    Object.entries(result.errors).map(([k, key]) => [k, key && t(key)]),
  )
  return renderPlan(c, ctx.patient, ctx.plan, { failed: { form: formName, values, errors } })
}

/** Changes to a plan: stages, items, statuses. Every one adds rows; none rewrites any. */
export function planEditRoutes() {
  const app = new Hono<AppEnv>()
  const load = async (c: Ctx) => {
    const patient = await medicalPatient(c)
    return { patient, plan: await planOf(c, patient) }
  }

  app.post('/patients/:patientId/plans/:planId/stages', allow('medical.write'), async (c) => {
    const ctx = await load(c)
    const input = await form(c, stageForm)
    const result = await addStage(depsOf(c), actorOf(c), ctx.plan, input)
    return done(c, result, ctx, 'stage', { stage_title: input.title })
  })

  app.post('/patients/:patientId/plans/:planId/items', allow('medical.write'), async (c) => {
    const ctx = await load(c)
    const input = await form(c, itemForm)
    const result = await addItem(depsOf(c), actorOf(c), ctx.plan, input)
    return done(c, result, ctx, 'item', input)
  })

  app.post('/patients/:patientId/plans/:planId/status', allow('medical.write'), async (c) => {
    const ctx = await load(c)
    const input = await form(c, statusForm)
    const items = await listItems(c.get('services').db, ctx.plan.id)
    const result = await changePlanStatus(depsOf(c), actorOf(c), ctx.plan, items, input)
    return done(c, result, ctx, 'status', input)
  })

  app.post(
    '/patients/:patientId/plans/:planId/items/:itemId/status',
    allow('medical.write'),
    async (c) => {
      const ctx = await load(c)
      const item = await findItem(c.get('services').db, ctx.plan.id, pathId(c, 'itemId'))
      if (!item) throw notFound()
      const input = await form(c, statusForm)
      const result = await changeItemStatus(depsOf(c), actorOf(c), ctx.plan, item.id, input)
      if (result.ok) return c.redirect(`/patients/${ctx.patient.id}/plans/${ctx.plan.id}`, 303)
      const key = Object.values(result.errors)[0] ?? 'plans.error.transition'
      return renderPlan(c, ctx.patient, ctx.plan, {
        itemError: { itemId: item.id, message: c.get('i18n').t(key) },
      })
    },
  )

  return app
}
