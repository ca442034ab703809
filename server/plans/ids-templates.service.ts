import { recordAudit } from '../audit/audit.service.js'
import type { Translate } from '../i18n/i18n.js'
import { multiLine, oneLine } from './fields.js'
import { findTemplate, insertTemplate, isCurrentTemplate } from './ids.queries.js'
import type { ItemRow, PlanRow } from './plans.queries.js'
import type { Actor, FieldErrors, PlanDeps, Result } from './plans.service.js'

// ИДС texts: the owner's editable templates (each edit a new version) and how a template is
// filled for one patient and one intervention.

/** Placeholders in {braces} replaced by values; unknown ones stay visible for the editor. */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? values[k]! : m))
}

export const PLACEHOLDERS = [
  'patient',
  'birth_date',
  'card_number',
  'signer',
  'signer_role',
  'intervention',
  'doctor',
  'date',
  'clinic',
] as const

/** "Лечение кариеса (зуб 16)" for one item; the plan's title and its live items otherwise. */
export function interventionText(
  t: Translate,
  plan: PlanRow,
  items: ItemRow[],
  itemId?: number,
): string {
  const label = (i: ItemRow) =>
    i.tooth ? t('ids.item_tooth', { name: i.name, tooth: i.tooth }) : i.name
  const item = itemId ? items.find((i) => i.id === itemId) : undefined
  if (item) return label(item)
  const live = items.filter((i) => i.status !== 'cancelled').map(label)
  return live.length > 0 ? `${plan.title}: ${live.join('; ')}` : plan.title
}

/** A new template, or a new version of a current one (old versions stay for signed consents). */
export async function saveTemplate(
  deps: PlanDeps,
  actor: Actor,
  raw: { title: string; body: string },
  replaces: number | null,
): Promise<Result | undefined> {
  if (replaces !== null) {
    if (!(await findTemplate(deps.db, replaces))) return undefined
    if (!(await isCurrentTemplate(deps.db, replaces)))
      return { ok: false, errors: { body: 'ids.error.stale' } }
  }
  const errors: FieldErrors = {}
  const title = oneLine(raw.title, 200)
  if (!title) errors.title = 'ids.error.title'
  const body = multiLine(raw.body, 20_000)
  if (!body) errors.body = 'ids.error.body'
  if (!title || !body) return { ok: false, errors }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertTemplate(trx, {
      title,
      body,
      replaces_id: replaces,
      created_by: actor.staffId,
      created_at: at,
    })
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'ids_template.save',
      details: { template: id, replaces },
    })
    return id
  })
  return { ok: true, id }
}
