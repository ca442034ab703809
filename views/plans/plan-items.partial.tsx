import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { itemCost, planTotals } from '../../server/plans/plan-totals.js'
import type { ItemRow } from '../../server/plans/plans.queries.js'
import { NEXT } from '../../server/plans/plan-status.service.js'
import { CsrfField } from '../components/csrf-field.js'

export const PLAN_ITEMS_ID = 'plan-items'

export interface ItemsProps {
  i18n: I18n
  csrfToken: string
  base: string
  stages: { id: number; position: number; title: string }[]
  items: ItemRow[]
  /** Absent when this person may not see money: no prices, no totals. */
  money?: FormatMoney
  canWrite: boolean
  itemError?: { itemId: number; message: string }
}

function StatusForm(props: ItemsProps & { item: ItemRow }) {
  const { t } = props.i18n
  const next = NEXT[props.item.status ?? 'proposed']
  if (!props.canWrite || next.length === 0) return null
  const id = `item-${props.item.id}`
  const error = props.itemError?.itemId === props.item.id ? props.itemError.message : undefined
  return (
    <form method="post" action={`${props.base}/items/${props.item.id}/status`} class="row-form">
      <CsrfField token={props.csrfToken} />
      <label for={`${id}-status`} class="visually-hidden">
        {t('plans.field.new_status')}
      </label>
      <select id={`${id}-status`} name="status">
        {next.map((s) => (
          <option value={s}>{t(`plans.status.${s}`)}</option>
        ))}
      </select>
      <label for={`${id}-reason`} class="visually-hidden">
        {t('plans.field.reason')}
      </label>
      <input
        id={`${id}-reason`}
        name="reason"
        placeholder={t('plans.field.reason')}
        aria-invalid={error ? 'true' : undefined}
      />
      <button type="submit">{t('plans.change_status')}</button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** The plan's items by stage, each with its status, and the totals when money may be shown. */
export function PlanItems(props: ItemsProps) {
  const { t } = props.i18n
  const totals = planTotals(props.items)
  const groups = [
    ...props.stages.map((s) => ({
      key: s.id as number | 'none',
      title: `${s.position}. ${s.title}`,
    })),
    { key: 'none' as const, title: t('plans.no_stage') },
  ].filter((g) => props.items.some((i) => (i.stage_id ?? 'none') === g.key) || g.key !== 'none')
  return (
    <div id={PLAN_ITEMS_ID}>
      {props.items.length === 0 && <p class="empty">{t('plans.no_items')}</p>}
      {groups.map((g) => {
        const rows = props.items.filter((i) => (i.stage_id ?? 'none') === g.key)
        return (
          <table class="data-table plan-items">
            <caption>
              {g.key === 'none' ? g.title : t('plans.stage_caption', { title: g.title })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.col.tooth')}</th>
                <th scope="col">{t('plans.col.procedure')}</th>
                <th scope="col" class="num">
                  {t('plans.col.quantity')}
                </th>
                {props.money && (
                  <th scope="col" class="num">
                    {t('plans.col.price')}
                  </th>
                )}
                {props.money && (
                  <th scope="col" class="num">
                    {t('plans.col.sum')}
                  </th>
                )}
                <th scope="col">{t('plans.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr class={i.status === 'cancelled' ? 'cancelled' : undefined}>
                  <td>{i.tooth ?? '—'}</td>
                  <td>
                    <span class="code">{i.code}</span> {i.name}
                  </td>
                  <td class="num">{i.quantity}</td>
                  {props.money && <td class="num">{props.money(i.unit_price_kopecks)}</td>}
                  {props.money && <td class="num">{props.money(itemCost(i))}</td>}
                  <td>
                    <span class={`status status-${i.status ?? 'proposed'}`}>
                      {t(`plans.status.${i.status ?? 'proposed'}`)}
                    </span>
                    <StatusForm {...props} item={i} />
                  </td>
                </tr>
              ))}
            </tbody>
            {props.money && rows.length > 0 && (
              <tfoot>
                <tr>
                  <th scope="row" colspan={4}>
                    {t('plans.stage_total')}
                  </th>
                  <td class="num">{props.money(totals.byStage.get(g.key) ?? 0)}</td>
                  <td></td>
                </tr>
              </tfoot>
            )}
          </table>
        )
      })}
      {props.money && (
        <dl class="facts plan-totals">
          <dt>{t('plans.total')}</dt>
          <dd data-testid="plan-total">{props.money(totals.total)}</dd>
          <dt>{t('plans.total_done')}</dt>
          <dd>{props.money(totals.done)}</dd>
        </dl>
      )}
    </div>
  )
}
