import type { PaymentRow, ServiceRow } from '../../server/billing/billing.queries.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import { formatDay } from '../../server/plans/fields.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { CsrfField } from '../components/csrf-field.js'
import { errorText } from '../components/error-text.js'
import { Field } from '../components/field.js'

export type Errors = Partial<Record<string, MessageKey>>

/** A form re-rendered after a 422: which row it belongs to, what was typed, what was wrong. */
export interface RowForm {
  id: number
  values: Record<string, string>
  errors: Errors
}

/**
 * A row's fold-out correction form (a service's reversal, a payment's refund); the row whose
 * form came back with errors has it open again, with what was typed.
 */
function RowActionForm(props: {
  i18n: I18n
  label: string
  action: string
  csrfToken?: string
  idPrefix: string
  rowId: number
  form?: RowForm
  fields: { name: string; label: string }[]
}) {
  const open = props.form?.id === props.rowId
  const e = errorText(props.i18n.t, props.form?.errors)
  return (
    <details open={open}>
      <summary>{props.label}</summary>
      <form method="post" action={props.action}>
        <CsrfField token={props.csrfToken ?? ''} />
        {props.fields.map((f) => (
          <Field
            id={`${props.idPrefix}-${f.name}-${props.rowId}`}
            name={f.name}
            label={f.label}
            value={open ? props.form?.values[f.name] : ''}
            error={open ? e(f.name) : undefined}
            required
          />
        ))}
        <button type="submit">{props.label}</button>
      </form>
    </details>
  )
}

export function BalanceLine(props: { i18n: I18n; money: FormatMoney; balance: number }) {
  const { t } = props.i18n
  const b = props.balance
  const label = b < 0 ? t('billing.debt') : b > 0 ? t('billing.advance') : t('billing.settled')
  return (
    <p class={b < 0 ? 'balance balance-debt' : 'balance'} data-balance={String(b)}>
      <strong>{t('billing.balance_line', { label, sum: props.money(Math.abs(b)) })}</strong>
    </p>
  )
}

/** Services performed: names and prices only, never anything medical. */
export function ServicesTable(props: {
  i18n: I18n
  money: FormatMoney
  rows: ServiceRow[]
  /** Where reversal forms post; absent when this person may not correct services. */
  reverseAction?: (id: number) => string
  csrfToken?: string
  reversal?: RowForm
}) {
  const { t, locale } = props.i18n
  if (props.rows.length === 0) return <p class="empty">{t('billing.no_services')}</p>
  const byId = new Map(props.rows.map((r) => [r.id, r]))
  const e = errorText(t, props.reversal?.errors)
  return (
    <table class="data-table billing-services">
      <caption>{t('billing.services')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('billing.col.date')}</th>
          <th scope="col">{t('billing.col.code')}</th>
          <th scope="col">{t('billing.col.name')}</th>
          <th scope="col">{t('billing.col.doctor')}</th>
          <th scope="col" class="num">
            {t('billing.col.qty')}
          </th>
          <th scope="col" class="num">
            {t('billing.col.price')}
          </th>
          <th scope="col" class="num">
            {t('billing.col.discount')}
          </th>
          <th scope="col" class="num">
            {t('billing.col.amount')}
          </th>
          {props.reverseAction && <th scope="col">{t('billing.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => {
          const original = r.reverses_id ? byId.get(r.reverses_id) : undefined
          const open = props.reversal?.id === r.id
          return (
            <tr class={r.reverses_id ? 'reversal' : r.reversed_by ? 'reversed' : undefined}>
              <td>{formatDay(locale, r.performed_on)}</td>
              <td>{r.code}</td>
              <td>
                {r.name}
                {r.reverses_id && (
                  <span class="hint">
                    {' — '}
                    {t('billing.reversal_of', {
                      date: original ? formatDay(locale, original.performed_on) : '—',
                      reason: r.reason ?? '',
                    })}
                  </span>
                )}
                {r.reversed_by && <span class="hint"> ({t('billing.reversed')})</span>}
              </td>
              <td>{r.doctor_name}</td>
              <td class="num">{r.quantity}</td>
              <td class="num">{props.money(r.unit_price_kopecks)}</td>
              <td class="num">{r.discount_kopecks ? props.money(r.discount_kopecks) : '—'}</td>
              <td class="num">{props.money(r.amount_kopecks)}</td>
              {props.reverseAction && (
                <td>
                  {open && (r.reverses_id || r.reversed_by) && (
                    <p class="error" role="alert">
                      {e('reason')}
                    </p>
                  )}
                  {!r.reverses_id && !r.reversed_by && (
                    <RowActionForm
                      i18n={props.i18n}
                      label={t('billing.reverse')}
                      action={props.reverseAction(r.id)}
                      csrfToken={props.csrfToken}
                      idPrefix="reverse"
                      rowId={r.id}
                      form={props.reversal}
                      fields={[{ name: 'reason', label: t('billing.field.reason') }]}
                    />
                  )}
                </td>
              )}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** Payments and refunds; each payment with money left to return offers a refund form. */
export function PaymentsTable(props: {
  i18n: I18n
  money: FormatMoney
  rows: PaymentRow[]
  refundAction?: (id: number) => string
  csrfToken?: string
  refund?: RowForm
}) {
  const { t, locale } = props.i18n
  if (props.rows.length === 0) return <p class="empty">{t('billing.no_payments')}</p>
  return (
    <table class="data-table billing-payments">
      <caption>{t('billing.payments')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('billing.col.date')}</th>
          <th scope="col">{t('billing.col.kind')}</th>
          <th scope="col">{t('billing.col.method')}</th>
          <th scope="col" class="num">
            {t('billing.col.amount')}
          </th>
          <th scope="col">{t('billing.col.payer')}</th>
          <th scope="col">{t('billing.col.taken_by')}</th>
          {props.refundAction && <th scope="col">{t('billing.col.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((p) => {
          const left = p.amount_kopecks - Number(p.refunded_kopecks ?? 0)
          return (
            <tr class={p.kind === 'refund' ? 'refund' : undefined} data-payment-id={String(p.id)}>
              <td>{formatDay(locale, p.paid_on)}</td>
              <td>
                № {p.id} {t(`billing.kind.${p.kind}`)}
                {p.kind === 'refund' && (
                  <span class="hint">
                    {' — '}
                    {t('billing.refund_of', { id: String(p.refund_of), reason: p.reason ?? '' })}
                  </span>
                )}
                {p.kind === 'payment' && left < p.amount_kopecks && (
                  <span class="hint">
                    {' '}
                    ({t('billing.refunded_part', { sum: props.money(p.amount_kopecks - left) })})
                  </span>
                )}
              </td>
              <td>{t(`billing.method.${p.method}`)}</td>
              <td class="num">
                {p.kind === 'refund' ? '−' : ''}
                {props.money(p.amount_kopecks)}
              </td>
              <td>{p.payer_name ?? '—'}</td>
              <td>{p.taken_by}</td>
              {props.refundAction && (
                <td>
                  {p.kind === 'payment' && left > 0 && (
                    <RowActionForm
                      i18n={props.i18n}
                      label={t('billing.take_refund')}
                      action={props.refundAction(p.id)}
                      csrfToken={props.csrfToken}
                      idPrefix="refund"
                      rowId={p.id}
                      form={props.refund}
                      fields={[
                        {
                          name: 'amount',
                          label: t('billing.field.refund_amount', { sum: props.money(left) }),
                        },
                        { name: 'reason', label: t('billing.field.reason') },
                      ]}
                    />
                  )}
                </td>
              )}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
