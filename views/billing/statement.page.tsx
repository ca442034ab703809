import type { PaymentRow, ServiceRow } from '../../server/billing/billing.queries.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { PrintDocument } from '../plans/print-layout.js'
import { PaymentsTable, ServicesTable } from './billing-tables.js'

/** A receipt-style statement of the patient's account for a period: services, payments, balance. */
export function StatementPage(props: {
  i18n: I18n
  money: FormatMoney
  clinicName: string
  patient: { id: number; full_name: string; birth_date: string; card_number: string }
  from: string
  to: string
  opening: number
  closing: number
  services: ServiceRow[]
  payments: PaymentRow[]
  today: string
  issuedBy: string
}) {
  const { t, locale } = props.i18n
  const day = (d: string) => formatDay(locale, d)
  const servicesTotal = props.services.reduce((s, r) => s + r.amount_kopecks, 0)
  const paid = props.payments.reduce(
    (s, p) => s + (p.kind === 'payment' ? p.amount_kopecks : -p.amount_kopecks),
    0,
  )
  const signed = (k: number) => (k < 0 ? `−${props.money(-k)}` : props.money(k))
  return (
    <PrintDocument
      i18n={props.i18n}
      title={t('billing.stmt.title')}
      backHref={`/patients/${props.patient.id}/billing`}
    >
      <form method="get" class="print-controls">
        <label for="stmt-from">{t('billing.field.from')}</label>
        <input id="stmt-from" name="from" type="date" value={props.from} />
        <label for="stmt-to">{t('billing.field.to')}</label>
        <input id="stmt-to" name="to" type="date" value={props.to} />
        <button type="submit">{t('billing.show')}</button>
      </form>
      <p class="doc-clinic">{props.clinicName}</p>
      <h1>{t('billing.stmt.title')}</h1>
      <p>
        {t('billing.stmt.patient', {
          name: props.patient.full_name,
          birth: day(props.patient.birth_date),
          card: props.patient.card_number,
        })}
      </p>
      <p>{t('billing.stmt.period', { from: day(props.from), to: day(props.to) })}</p>
      <p>{t('billing.stmt.opening', { sum: signed(props.opening) })}</p>
      <ServicesTable i18n={props.i18n} money={props.money} rows={props.services} />
      <p class="doc-total">
        {t('billing.stmt.services_total', { sum: props.money(servicesTotal) })}
      </p>
      <PaymentsTable i18n={props.i18n} money={props.money} rows={props.payments} />
      <p class="doc-total">{t('billing.stmt.payments_total', { sum: props.money(paid) })}</p>
      <p class="doc-total" data-closing={String(props.closing)}>
        {t('billing.stmt.closing', { sum: signed(props.closing) })}
      </p>
      <p class="hint">{t('billing.stmt.note')}</p>
      <div class="signatures">
        <p>{t('billing.stmt.issued', { date: day(props.today), name: props.issuedBy })}</p>
      </div>
    </PrintDocument>
  )
}
