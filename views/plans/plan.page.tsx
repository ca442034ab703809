import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import type { PriceItemRow } from '../../server/prices/prices.queries.js'
import type { PlanStatus } from '../../server/plans/plans.table.js'
import { PatientBar, type PatientBarProps } from './patient-bar.js'
import { PlanConsents, type ConsentsProps } from './plan-consents.partial.js'
import { AddItemForm, AddStageForm, PlanStatusForm, type FormErrors } from './plan-forms.partial.js'
import { PlanItems, type ItemsProps } from './plan-items.partial.js'

export interface HistoryRow {
  id: number
  item_name: string | null
  tooth: number | null
  status: PlanStatus
  reason: string | null
  changed_at: string
  changed_by_name: string
}

/** Which form a refused change came from, to show its messages and keep its input. */
export type PlanFormName = 'stage' | 'item' | 'status' | 'consent'

export interface PlanPageProps {
  i18n: I18n
  csrfToken: string
  patient: PatientBarProps['patient']
  plan: { id: number; title: string; created_at: string; created_by_name: string }
  status: PlanStatus
  items: ItemsProps['items']
  stages: ItemsProps['stages']
  money?: FormatMoney
  canWrite: boolean
  priceItems: PriceItemRow[]
  history: HistoryRow[]
  consents: Omit<
    ConsentsProps,
    'i18n' | 'csrfToken' | 'base' | 'patientId' | 'items' | 'canWrite' | 'values' | 'errors'
  >
  failed?: { form: PlanFormName; values: Record<string, string>; errors: FormErrors }
  itemError?: ItemsProps['itemError']
}

/** One plan at the chair: items by stage with statuses, totals, ИДС and the plan's history. */
export function PlanPage(props: PlanPageProps) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/plans/${props.plan.id}`
  const common = { i18n: props.i18n, csrfToken: props.csrfToken, base }
  const failed = (form: PlanFormName) => (props.failed?.form === form ? props.failed : undefined)
  const open = props.status !== 'done' && props.status !== 'cancelled'
  return (
    <section class="card">
      <PatientBar i18n={props.i18n} patient={props.patient} />
      <h1>{t('plans.plan_title', { title: props.plan.title })}</h1>
      <p>
        <span class={`status status-${props.status}`} data-testid="plan-status">
          {t(`plans.status.${props.status}`)}
        </span>{' '}
        <span class="hint">
          {t('plans.created', {
            who: props.plan.created_by_name,
            when: props.i18n.dateTime(props.plan.created_at),
          })}
        </span>{' '}
        <a href={`${base}/print`}>{t('plans.print')}</a>
      </p>
      {props.canWrite && (
        <PlanStatusForm
          {...common}
          status={props.status}
          values={failed('status')?.values}
          errors={failed('status')?.errors}
        />
      )}
      <PlanItems
        {...common}
        stages={props.stages}
        items={props.items}
        money={props.money}
        canWrite={props.canWrite}
        itemError={props.itemError}
      />
      {props.canWrite && open && (
        <div class="form-row">
          <AddItemForm
            {...common}
            stages={props.stages}
            priceItems={props.priceItems}
            money={props.money}
            values={failed('item')?.values}
            errors={failed('item')?.errors}
          />
          <AddStageForm
            {...common}
            values={failed('stage')?.values}
            errors={failed('stage')?.errors}
          />
        </div>
      )}
      <PlanConsents
        {...common}
        {...props.consents}
        patientId={props.patient.id}
        items={props.items}
        canWrite={props.canWrite}
        values={failed('consent')?.values}
        errors={failed('consent')?.errors}
      />
      <h2>{t('plans.history')}</h2>
      <ol class="plan-history">
        {props.history.map((h) => (
          <li>
            {props.i18n.dateTime(h.changed_at)}, {h.changed_by_name}:{' '}
            {h.item_name
              ? h.tooth
                ? t('ids.item_tooth', { name: h.item_name, tooth: h.tooth })
                : h.item_name
              : t('plans.the_plan')}{' '}
            — {t(`plans.status.${h.status}`)}
            {h.reason && ` (${h.reason})`}
          </li>
        ))}
      </ol>
    </section>
  )
}
