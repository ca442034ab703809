import type { PaymentRow, ServiceRow } from '../../server/billing/billing.queries.js'
import { PAYMENT_METHODS } from '../../server/billing/billing.table.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { FormError, SelectField, type Option } from '../plans/inputs.js'
import { PatientHeader, type PatientHeaderProps } from '../patients/patient-header.js'
import {
  BalanceLine,
  PaymentsTable,
  ServicesTable,
  type Errors,
  type RowForm,
} from './billing-tables.js'

export const PATIENT_BILLING_ID = 'patient-billing'

export interface FormState {
  values: Record<string, string>
  errors: Errors
}

export interface PatientBillingProps {
  i18n: I18n
  csrfToken: string
  money: FormatMoney
  patient: PatientHeaderProps['patient'] & { full_name: string }
  tabs: PatientHeaderProps['tabs']
  balance: number
  services: ServiceRow[]
  payments: PaymentRow[]
  appointments: Option[]
  priceItems: Option[]
  doctors: Option[]
  /** billing.write: take payments and refunds. */
  canTakeMoney: boolean
  /** billing.write or medical.write: add and cancel services. */
  canEditServices: boolean
  /** Where service forms post: the desk's route or the chair's. */
  servicesBase: string
  notice?: string
  payment?: FormState
  service?: FormState
  refund?: RowForm
  reversal?: RowForm
}

/** A patient's account: services and prices, payments, refunds, balance. Nothing medical. */
export function PatientBillingPage(props: PatientBillingProps) {
  const { t } = props.i18n
  const p = props.patient
  const base = `/patients/${p.id}/billing`
  const err = (f: FormState | undefined, k: string) => {
    const key = f?.errors[k]
    return key ? t(key) : undefined
  }
  const pay = props.payment?.values ?? {}
  const svc = props.service?.values ?? {}
  return (
    <section class="card" id={PATIENT_BILLING_ID}>
      <PatientHeader i18n={props.i18n} patient={p} tabs={props.tabs} current="billing" />
      <p>
        <a href={`${base}/statement`}>{t('billing.statement')}</a>
        {' · '}
        <a href={`${base}/tax-certificate`}>{t('billing.tax_certificate')}</a>
      </p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <BalanceLine i18n={props.i18n} money={props.money} balance={props.balance} />

      <ServicesTable
        i18n={props.i18n}
        money={props.money}
        rows={props.services}
        csrfToken={props.csrfToken}
        reverseAction={
          props.canEditServices ? (id) => `${props.servicesBase}/${id}/reverse` : undefined
        }
        reversal={props.reversal}
      />
      <PaymentsTable
        i18n={props.i18n}
        money={props.money}
        rows={props.payments}
        csrfToken={props.csrfToken}
        refundAction={props.canTakeMoney ? (id) => `${base}/payments/${id}/refund` : undefined}
        refund={props.refund}
      />
      {props.canTakeMoney && (
        <form method="post" action={`${base}/payments`} class="stacked-form">
          <h2>{t('billing.take_payment')}</h2>
          <CsrfField token={props.csrfToken} />
          <FormError message={props.payment ? t('billing.error.check') : undefined} />
          <SelectField
            id="payment-method"
            name="method"
            label={t('billing.field.method')}
            value={pay.method ?? 'cash'}
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.method.${m}`) }))}
            error={err(props.payment, 'method')}
            required
          />
          <Field
            id="payment-amount"
            name="amount"
            label={t('billing.field.amount')}
            value={pay.amount}
            error={err(props.payment, 'amount')}
            required
          />
          <Field
            id="payment-payer"
            name="payer_name"
            label={t('billing.field.payer')}
            hint={t('billing.field.payer_hint')}
            value={pay.payer_name}
            error={err(props.payment, 'payer_name')}
          />
          <SelectField
            id="payment-appointment"
            name="appointment_id"
            label={t('billing.field.appointment')}
            value={pay.appointment_id}
            options={[
              { value: '', label: t('billing.field.no_appointment') },
              ...props.appointments,
            ]}
            error={err(props.payment, 'appointment_id')}
          />
          <button type="submit">{t('billing.take_payment')}</button>
        </form>
      )}
      {props.canEditServices && (
        <form method="post" action={props.servicesBase} class="stacked-form">
          <h2>{t('billing.add_service')}</h2>
          <CsrfField token={props.csrfToken} />
          <FormError message={props.service ? t('billing.error.check') : undefined} />
          <SelectField
            id="service-item"
            name="price_item_id"
            label={t('billing.field.service')}
            value={svc.price_item_id}
            options={[{ value: '', label: t('billing.field.choose_service') }, ...props.priceItems]}
            error={err(props.service, 'price_item_id')}
            required
          />
          <Field
            id="service-qty"
            name="quantity"
            label={t('billing.field.quantity')}
            value={svc.quantity ?? '1'}
            error={err(props.service, 'quantity')}
          />
          <Field
            id="service-discount"
            name="discount"
            label={t('billing.field.discount')}
            value={svc.discount}
            error={err(props.service, 'discount')}
          />
          <SelectField
            id="service-doctor"
            name="doctor_id"
            label={t('billing.field.doctor')}
            value={svc.doctor_id}
            options={[{ value: '', label: t('billing.field.choose_doctor') }, ...props.doctors]}
            error={err(props.service, 'doctor_id')}
            required
          />
          <SelectField
            id="service-appointment"
            name="appointment_id"
            label={t('billing.field.appointment')}
            value={svc.appointment_id}
            options={[
              { value: '', label: t('billing.field.no_appointment') },
              ...props.appointments,
            ]}
            error={err(props.service, 'appointment_id')}
          />
          <button type="submit">{t('billing.add_service')}</button>
        </form>
      )}
    </section>
  )
}
