import type { RuleRow, StatementLine } from '../../server/billing/payroll.service.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import { formatDay } from '../../server/plans/fields.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { FormError, SelectField, type Option } from '../components/form-controls.js'
import { PrintDocument } from '../plans/print-layout.js'

type Rule = Pick<RuleRow, 'kind' | 'percent_bp' | 'fixed_kopecks'>

export function ruleText(i18n: I18n, money: FormatMoney, r: Rule): string {
  if (r.kind === 'percent') {
    const v = ((r.percent_bp ?? 0) / 100).toLocaleString(i18n.locale === 'ru' ? 'ru-RU' : 'en-GB')
    return i18n.t('billing.pay.rule_percent', { value: v })
  }
  return i18n.t('billing.pay.rule_fixed', { sum: money(r.fixed_kopecks ?? 0) })
}

export interface RuleFormState {
  doctorId: number
  values: Record<string, string>
  errors: Partial<Record<string, MessageKey>>
}

/** Each doctor's pay rules (history included) and a form for a new rule from a date. */
export function PayrollPage(props: {
  i18n: I18n
  csrfToken: string
  money: FormatMoney
  month: string
  doctors: { id: number; full_name: string }[]
  rules: RuleRow[]
  priceItems: Option[]
  form?: RuleFormState
  today: string
}) {
  const { t, locale } = props.i18n
  return (
    <section class="card" id="payroll">
      <h1>{t('billing.pay.title')}</h1>
      <p class="hint">{t('billing.pay.intro')}</p>
      {props.doctors.map((d) => {
        const rules = props.rules.filter((r) => r.doctor_id === d.id)
        const mine = props.form?.doctorId === d.id ? props.form : undefined
        const v = mine?.values ?? {}
        const e = (k: string) => {
          const key = mine?.errors[k]
          return key ? t(key) : undefined
        }
        return (
          <section class="payroll-doctor" data-doctor-id={String(d.id)}>
            <h2>{d.full_name}</h2>
            <p>
              <a href={`/payroll/${d.id}?month=${props.month}`}>
                {t('billing.pay.statement', { month: props.month })}
              </a>
            </p>
            {rules.length === 0 ? (
              <p class="empty">{t('billing.pay.no_rules')}</p>
            ) : (
              <table class="data-table">
                <caption>{d.full_name}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('billing.pay.col.service')}</th>
                    <th scope="col">{t('billing.pay.col.rule')}</th>
                    <th scope="col">{t('billing.pay.col.from')}</th>
                    <th scope="col">{t('billing.pay.col.set_by')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rules.map((r) => (
                    <tr>
                      <td>{r.price_item_id ? `${r.code} ${r.name}` : t('billing.pay.default')}</td>
                      <td>{ruleText(props.i18n, props.money, r)}</td>
                      <td>{formatDay(locale, r.valid_from)}</td>
                      <td>{r.created_by_name}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <details open={Boolean(mine)}>
              <summary>{t('billing.pay.new_rule')}</summary>
              <form method="post" action={`/payroll/${d.id}/rules`} class="stacked-form">
                <CsrfField token={props.csrfToken} />
                <FormError message={mine ? t('billing.error.check') : undefined} />
                <SelectField
                  id={`rule-item-${d.id}`}
                  name="price_item_id"
                  label={t('billing.pay.col.service')}
                  value={v.price_item_id}
                  options={[{ value: '', label: t('billing.pay.default') }, ...props.priceItems]}
                  error={e('price_item_id')}
                />
                <SelectField
                  id={`rule-kind-${d.id}`}
                  name="kind"
                  label={t('billing.pay.kind')}
                  value={v.kind ?? 'percent'}
                  options={[
                    { value: 'percent', label: t('billing.pay.kind_percent') },
                    { value: 'fixed', label: t('billing.pay.kind_fixed') },
                  ]}
                  error={e('kind')}
                />
                <Field
                  id={`rule-value-${d.id}`}
                  name="value"
                  label={t('billing.pay.value')}
                  value={v.value}
                  error={e('value')}
                  required
                />
                <Field
                  id={`rule-from-${d.id}`}
                  name="valid_from"
                  type="date"
                  label={t('billing.pay.valid_from')}
                  value={v.valid_from ?? props.today}
                  error={e('valid_from')}
                  required
                />
                <button type="submit">{t('billing.pay.add_rule')}</button>
              </form>
            </details>
          </section>
        )
      })}
    </section>
  )
}

/** A doctor's monthly statement: every service, the rule applied, the pay; printable. */
export function PayStatementBody(props: {
  i18n: I18n
  money: FormatMoney
  doctor: { id: number; full_name: string }
  month: string
  lines: StatementLine[]
  baseTotal: number
  payTotal: number
  unruled: number
}) {
  const { t, locale } = props.i18n
  return (
    <>
      <h1>{t('billing.pay.stmt_title', { name: props.doctor.full_name, month: props.month })}</h1>
      {props.lines.length === 0 ? (
        <p class="empty">{t('billing.pay.empty')}</p>
      ) : (
        <table class="data-table doc-table pay-statement">
          <caption>
            {t('billing.pay.stmt_title', { name: props.doctor.full_name, month: props.month })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('billing.col.date')}</th>
              <th scope="col">{t('billing.pay.col.card')}</th>
              <th scope="col">{t('billing.col.code')}</th>
              <th scope="col">{t('billing.col.name')}</th>
              <th scope="col" class="num">
                {t('billing.col.qty')}
              </th>
              <th scope="col" class="num">
                {t('billing.pay.col.base')}
              </th>
              <th scope="col">{t('billing.pay.col.rule')}</th>
              <th scope="col" class="num">
                {t('billing.pay.col.pay')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map((l) => (
              <tr class={l.reverses_id ? 'reversal' : undefined} data-service-id={String(l.id)}>
                <td>{formatDay(locale, l.performed_on)}</td>
                <td>{l.patient_card}</td>
                <td>{l.code}</td>
                <td>
                  {l.name}
                  {l.reverses_id && <span class="hint"> ({t('billing.reversed')})</span>}
                </td>
                <td class="num">{l.quantity}</td>
                <td class="num">{props.money(l.amount_kopecks)}</td>
                <td>
                  {l.rule ? ruleText(props.i18n, props.money, l.rule) : t('billing.pay.no_rule')}
                </td>
                <td class="num" data-pay={String(l.pay_kopecks)}>
                  {props.money(l.pay_kopecks)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p
        class="doc-total"
        data-base-total={String(props.baseTotal)}
        data-pay-total={String(props.payTotal)}
      >
        {t('billing.pay.totals', {
          base: props.money(props.baseTotal),
          pay: props.money(props.payTotal),
        })}
      </p>
      {props.unruled > 0 && (
        <p class="warning">{t('billing.pay.unruled', { count: String(props.unruled) })}</p>
      )}
    </>
  )
}

export function PayStatementPage(props: Parameters<typeof PayStatementBody>[0]) {
  const { t } = props.i18n
  return (
    <section class="card" id="pay-statement">
      <p>
        <a href="/payroll">{t('billing.pay.title')}</a>
        {' · '}
        <a href={`/payroll/${props.doctor.id}/print?month=${props.month}`}>
          {t('billing.pay.print')}
        </a>
      </p>
      <form method="get" action={`/payroll/${props.doctor.id}`} class="inline-form">
        <label for="pay-month">{t('billing.pay.month')}</label>{' '}
        <input id="pay-month" name="month" type="month" value={props.month} required />{' '}
        <button type="submit">{t('billing.show')}</button>
      </form>
      <PayStatementBody {...props} />
    </section>
  )
}

export function PayStatementPrint(
  props: Parameters<typeof PayStatementBody>[0] & { clinicName: string },
) {
  return (
    <PrintDocument
      i18n={props.i18n}
      title={props.i18n.t('billing.pay.stmt_title', {
        name: props.doctor.full_name,
        month: props.month,
      })}
      backHref={`/payroll/${props.doctor.id}?month=${props.month}`}
    >
      <p class="doc-clinic">{props.clinicName}</p>
      <PayStatementBody {...props} />
    </PrintDocument>
  )
}
