import { PAYMENT_METHODS, type PaymentMethod } from '../../server/billing/billing.table.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'
import type { FormatMoney } from '../../server/prices/money.js'

export const BILLING_DAY_ID = 'billing-day'

export interface DayOperation {
  id: number
  patient_id: number
  patient_name: string
  kind: 'payment' | 'refund'
  method: PaymentMethod
  amount_kopecks: number
  reason: string | null
  time: string
  taken_by: string
}

/** The front desk's day: takings by method, refunds, the operations, and who owes money. */
export function BillingDayPage(props: {
  i18n: I18n
  money: FormatMoney
  date: string
  operations: DayOperation[]
  servicesTotal: number
  debtors: { id: number; name: string; debt: number }[]
  links: { href: string; label: string }[]
}) {
  const { t, locale } = props.i18n
  const sum = (kind: 'payment' | 'refund', method?: PaymentMethod) =>
    props.operations
      .filter((o) => o.kind === kind && (!method || o.method === method))
      .reduce((s, o) => s + o.amount_kopecks, 0)
  const net = sum('payment') - sum('refund')
  return (
    <section class="card" id={BILLING_DAY_ID}>
      <h1>{t('billing.day_title', { date: formatDay(locale, props.date) })}</h1>
      {props.links.length > 0 && (
        <p>
          {props.links.map((l, i) => (
            <>
              {i > 0 && ' · '}
              <a href={l.href}>{l.label}</a>
            </>
          ))}
        </p>
      )}
      <form method="get" action="/billing" class="inline-form">
        <label for="billing-date">{t('billing.field.date')}</label>{' '}
        <input id="billing-date" name="date" type="date" value={props.date} required />{' '}
        <button type="submit">{t('billing.show')}</button>
      </form>
      <table class="data-table billing-totals">
        <caption>{t('billing.day_totals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('billing.col.method')}</th>
            <th scope="col" class="num">
              {t('billing.kind.payment')}
            </th>
            <th scope="col" class="num">
              {t('billing.kind.refund')}
            </th>
          </tr>
        </thead>
        <tbody>
          {PAYMENT_METHODS.map((m) => (
            <tr data-method={m}>
              <th scope="row">{t(`billing.method.${m}`)}</th>
              <td class="num">{props.money(sum('payment', m))}</td>
              <td class="num">{props.money(sum('refund', m))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="doc-total" data-net={String(net)}>
        {t('billing.day_net')}: {props.money(net)}
      </p>
      <p>
        {t('billing.day_services')}: {props.money(props.servicesTotal)}
      </p>
      {props.operations.length === 0 ? (
        <p class="empty">{t('billing.day_empty')}</p>
      ) : (
        <table class="data-table">
          <caption>{t('billing.payments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('billing.col.time')}</th>
              <th scope="col">{t('billing.col.patient')}</th>
              <th scope="col">{t('billing.col.kind')}</th>
              <th scope="col">{t('billing.col.method')}</th>
              <th scope="col" class="num">
                {t('billing.col.amount')}
              </th>
              <th scope="col">{t('billing.col.reason')}</th>
              <th scope="col">{t('billing.col.taken_by')}</th>
            </tr>
          </thead>
          <tbody>
            {props.operations.map((o) => (
              <tr>
                <td>{o.time}</td>
                <td>
                  <a href={`/patients/${o.patient_id}/billing`}>{o.patient_name}</a>
                </td>
                <td>{t(`billing.kind.${o.kind}`)}</td>
                <td>{t(`billing.method.${o.method}`)}</td>
                <td class="num">
                  {o.kind === 'refund' ? '−' : ''}
                  {props.money(o.amount_kopecks)}
                </td>
                <td>{o.reason ?? ''}</td>
                <td>{o.taken_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('billing.debtors')}</h2>
      {props.debtors.length === 0 ? (
        <p class="empty">{t('billing.no_debtors')}</p>
      ) : (
        <table class="data-table billing-debtors">
          <caption>{t('billing.debtors')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('billing.col.patient')}</th>
              <th scope="col" class="num">
                {t('billing.debt')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.debtors.map((d) => (
              <tr>
                <td>
                  <a href={`/patients/${d.id}/billing`}>{d.name}</a>
                </td>
                <td class="num">{props.money(d.debt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
