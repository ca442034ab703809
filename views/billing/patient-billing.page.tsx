import type { PaymentRow, ServiceRow } from '../../server/billing/billing.queries.js'
import { PAYMENT_METHODS } from '../../server/billing/billing.table.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { FormatMoney } from '../../server/prices/money.js'
import { errorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { StackedForm } from '../components/stacked-form.js'
import { SelectField, type Option } from '../components/form-controls.js'
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

/** The visit a payment or service belongs to, if any: the patient's appointments to pick from. */
function AppointmentSelect(props: {
  i18n: I18n
  id: string
  value?: string
  appointments: Option[]
  error?: string
}) {
  const { t } = props.i18n
  return (
    <SelectField
      id={props.id}
      name="appointment_id"
      label={t('billing.field.appointment')}
      value={props.value}
      options={[{ value: '', label: t('billing.field.no_appointment') }, ...props.appointments]}
      error={props.error}
    />
  )
}

/** A patient's account: services and prices, payments, refunds, balance. Nothing medical. */
export function PatientBillingPage(props: PatientBillingProps) {
  const { t } = props.i18n
  const p = props.patient
  const base = `/patients/${p.id}/billing`
  const payErr = errorText(t, props.payment?.errors)
  const svcErr = errorText(t, props.service?.errors)
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
        <StackedForm
          action={`${base}/payments`}
          heading={t('billing.take_payment')}
          csrfToken={props.csrfToken}
          error={props.payment ? t('billing.error.check') : undefined}
        >
          <SelectField
            id="payment-method"
            name="method"
            label={t('billing.field.method')}
            value={pay.method ?? 'cash'}
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.method.${m}`) }))}
            error={payErr('method')}
            required
          />
          <Field
            id="payment-amount"
            name="amount"
            label={t('billing.field.amount')}
            value={pay.amount}
            error={payErr('amount')}
            required
          />
          <Field
            id="payment-payer"
            name="payer_name"
            label={t('billing.field.payer')}
            hint={t('billing.field.payer_hint')}
            value={pay.payer_name}
            error={payErr('payer_name')}
          />
          <AppointmentSelect
            i18n={props.i18n}
            id="payment-appointment"
            value={pay.appointment_id}
            appointments={props.appointments}
            error={payErr('appointment_id')}
          />
        </StackedForm>
      )}
      {props.canEditServices && (
        <StackedForm
          action={props.servicesBase}
          heading={t('billing.add_service')}
          csrfToken={props.csrfToken}
          error={props.service ? t('billing.error.check') : undefined}
        >
          <SelectField
            id="service-item"
            name="price_item_id"
            label={t('billing.field.service')}
            value={svc.price_item_id}
            options={[{ value: '', label: t('billing.field.choose_service') }, ...props.priceItems]}
            error={svcErr('price_item_id')}
            required
          />
          <Field
            id="service-qty"
            name="quantity"
            label={t('billing.field.quantity')}
            value={svc.quantity ?? '1'}
            error={svcErr('quantity')}
          />
          <Field
            id="service-discount"
            name="discount"
            label={t('billing.field.discount')}
            value={svc.discount}
            error={svcErr('discount')}
          />
          <SelectField
            id="service-doctor"
            name="doctor_id"
            label={t('billing.field.doctor')}
            value={svc.doctor_id}
            options={[{ value: '', label: t('billing.field.choose_doctor') }, ...props.doctors]}
            error={svcErr('doctor_id')}
            required
          />
          <AppointmentSelect
            i18n={props.i18n}
            id="service-appointment"
            value={svc.appointment_id}
            appointments={props.appointments}
            error={svcErr('appointment_id')}
          />
        </StackedForm>
      )}
    </section>
  )
}
