import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { PriceItemRow } from '../../server/prices/prices.queries.js'
import { NEXT } from '../../server/plans/plan-status.service.js'
import type { PlanStatus } from '../../server/plans/plans.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'

export type FormErrors = Partial<Record<string, string>>

interface Common {
  i18n: I18n
  csrfToken: string
  base: string
  values?: Record<string, string>
  errors?: FormErrors
}

export function AddItemForm(
  props: Common & {
    stages: { id: number; position: number; title: string }[]
    priceItems: PriceItemRow[]
    money?: FormatMoney
  },
) {
  const { t } = props.i18n
  const v = props.values ?? {}
  const e = props.errors ?? {}
  const groups = [...new Set(props.priceItems.map((p) => p.group_name))]
  return (
    <form method="post" action={`${props.base}/items`} class="stacked-form" id="add-item">
      <h2>{t('plans.add_item_title')}</h2>
      <CsrfField token={props.csrfToken} />
      <div class={e.price_item_id ? 'field has-error' : 'field'}>
        <label for="item-procedure">{t('plans.field.procedure')}</label>
        <select
          id="item-procedure"
          name="price_item_id"
          aria-invalid={e.price_item_id ? 'true' : undefined}
          aria-describedby={e.price_item_id ? 'item-procedure-error' : undefined}
        >
          <option value="">{t('plans.choose_procedure')}</option>
          {groups.map((g) => (
            <optgroup label={g}>
              {props.priceItems
                .filter((p) => p.group_name === g)
                .map((p) => (
                  <option value={String(p.id)} selected={v.price_item_id === String(p.id)}>
                    {p.code} {p.name}
                    {props.money ? ` — ${props.money(p.price_kopecks)}` : ''}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {e.price_item_id && (
          <p class="error" id="item-procedure-error" role="alert">
            {e.price_item_id}
          </p>
        )}
      </div>
      <Field
        id="item-tooth"
        name="tooth"
        label={t('plans.field.tooth')}
        value={v.tooth ?? ''}
        hint={t('plans.tooth_hint')}
        error={e.tooth}
      />
      <Field
        id="item-quantity"
        name="quantity"
        type="number"
        label={t('plans.field.quantity')}
        value={v.quantity ?? '1'}
        error={e.quantity}
      />
      <SelectField
        id="item-stage"
        name="stage_id"
        label={t('plans.field.stage')}
        value={v.stage_id ?? ''}
        options={[
          { value: '', label: t('plans.no_stage') },
          ...props.stages.map((s) => ({ value: String(s.id), label: `${s.position}. ${s.title}` })),
        ]}
        error={e.stage_id}
      />
      <button type="submit">{t('plans.add_item')}</button>
    </form>
  )
}

export function AddStageForm(props: Common) {
  const { t } = props.i18n
  return (
    <form method="post" action={`${props.base}/stages`} class="stacked-form" id="add-stage">
      <h2>{t('plans.add_stage_title')}</h2>
      <CsrfField token={props.csrfToken} />
      <Field
        id="stage-title"
        name="title"
        label={t('plans.field.stage_title')}
        value={props.values?.stage_title ?? ''}
        error={props.errors?.stage_title}
      />
      <button type="submit">{t('plans.add_stage')}</button>
    </form>
  )
}

export function PlanStatusForm(props: Common & { status: PlanStatus }) {
  const { t } = props.i18n
  const next = NEXT[props.status]
  if (next.length === 0) return null
  return (
    <form method="post" action={`${props.base}/status`} class="inline-form" id="plan-status">
      <CsrfField token={props.csrfToken} />
      <SelectField
        id="plan-new-status"
        name="status"
        label={t('plans.field.new_status')}
        options={next.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
        value={props.values?.status}
        error={props.errors?.status}
      />
      <Field
        id="plan-reason"
        name="reason"
        label={t('plans.field.reason')}
        value={props.values?.reason ?? ''}
        hint={t('plans.reason_hint')}
        error={props.errors?.reason}
      />
      <button type="submit">{t('plans.change_status')}</button>
    </form>
  )
}
