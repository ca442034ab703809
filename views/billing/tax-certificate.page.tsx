import type { Requisites } from '../../server/billing/requisites.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import { formatDay } from '../../server/plans/fields.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { FormError, SelectField, type Option } from '../components/form-controls.js'
import { PrintDocument } from '../plans/print-layout.js'

/** "12 345 руб. 67 коп.": the form asks for roubles and kopecks, not a currency format. */
export function roublesAndKopecks(kopecks: number, locale: 'ru' | 'en'): string {
  const r = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB').format(
    Math.floor(kopecks / 100),
  )
  const k = String(kopecks % 100).padStart(2, '0')
  return locale === 'ru' ? `${r} руб. ${k} коп.` : `${r} RUB ${k} kopecks`
}

export interface TaxFormValues {
  year: string
  code: string
  payer: string
  taxpayer_inn: string
  patient_inn: string
}

/** The choices before printing: year, service code, who the taxpayer is. */
export function TaxCertificateFormPage(props: {
  i18n: I18n
  csrfToken: string
  patient: { id: number; full_name: string }
  years: string[]
  payers: Option[]
  values: TaxFormValues
  errors?: Partial<Record<string, MessageKey>>
  requisitesMissing: boolean
}) {
  const { t } = props.i18n
  const e = (k: string) => {
    const key = props.errors?.[k]
    return key ? t(key) : undefined
  }
  const base = `/patients/${props.patient.id}/billing`
  return (
    <section class="card" id="tax-certificate-form">
      <p>
        <a href={base}>{props.patient.full_name}</a>
      </p>
      <h1>{t('billing.tax.form_title')}</h1>
      <p class="hint">{t('billing.tax.form_intro')}</p>
      {props.requisitesMissing && (
        <p class="warning" role="status">
          {t('billing.tax.no_requisites')}
        </p>
      )}
      <form method="post" action={`${base}/tax-certificate`} class="stacked-form">
        <CsrfField token={props.csrfToken} />
        <FormError message={props.errors ? t('billing.error.check') : undefined} />
        <SelectField
          id="tax-year"
          name="year"
          label={t('billing.tax.year')}
          value={props.values.year}
          options={props.years.map((y) => ({ value: y, label: y }))}
          error={e('year')}
        />
        <SelectField
          id="tax-code"
          name="code"
          label={t('billing.tax.code')}
          value={props.values.code}
          options={[
            { value: '1', label: t('billing.tax.code1') },
            { value: '2', label: t('billing.tax.code2') },
          ]}
          error={e('code')}
        />
        <SelectField
          id="tax-payer"
          name="payer"
          label={t('billing.tax.payer')}
          value={props.values.payer}
          options={props.payers}
          error={e('payer')}
        />
        <Field
          id="tax-taxpayer-inn"
          name="taxpayer_inn"
          label={t('billing.tax.taxpayer_inn')}
          value={props.values.taxpayer_inn}
          error={e('taxpayer_inn')}
        />
        <Field
          id="tax-patient-inn"
          name="patient_inn"
          label={t('billing.tax.patient_inn')}
          value={props.values.patient_inn}
          error={e('patient_inn')}
        />
        <button type="submit">{t('billing.tax.make')}</button>
      </form>
    </section>
  )
}

export interface Person {
  name: string
  inn: string
  birth_date: string | null
  document: string
}

/** Справка об оплате медицинских услуг (приказ ФНС России от 08.11.2023 № БВ-7-11/824@). */
export function TaxCertificateDocument(props: {
  i18n: I18n
  patientId: number
  number: string
  year: string
  code: '1' | '2'
  amount: number
  requisites: Requisites
  taxpayer: Person
  patient: Person | null
  today: string
}) {
  const { t, locale } = props.i18n
  const blank = t('billing.tax.blank')
  const v = (s: string) => s || blank
  const r = props.requisites
  const person = (p: Person) => (
    <>
      <p>{t('billing.tax.fio', { name: v(p.name) })}</p>
      <p>{t('billing.tax.inn', { inn: v(p.inn) })}</p>
      <p>
        {t('billing.tax.birth', { date: p.birth_date ? formatDay(locale, p.birth_date) : blank })}
      </p>
      <p>{t('billing.tax.doc', { doc: v(p.document) })}</p>
    </>
  )
  const money = (k: number) => roublesAndKopecks(k, locale)
  return (
    <PrintDocument
      i18n={props.i18n}
      title={t('billing.tax.title')}
      backHref={`/patients/${props.patientId}/billing/tax-certificate`}
    >
      <h1>{t('billing.tax.title')}</h1>
      <p>{t('billing.tax.number', { number: props.number, year: props.year })}</p>
      <h2>{t('billing.tax.org')}</h2>
      <p>{t('billing.tax.org_inn', { inn: v(r.inn), kpp: r.kpp || '—' })}</p>
      <p>{t('billing.tax.org_name', { name: v(r.legal_name) })}</p>
      <p>{t('billing.tax.org_licence', { licence: v(r.licence) })}</p>
      <p>{t('billing.tax.org_address', { address: v(r.address) })}</p>
      <h2>{t('billing.tax.taxpayer')}</h2>
      {person(props.taxpayer)}
      <p>
        {t('billing.tax.same', {
          flag: props.patient ? t('billing.tax.no') : t('billing.tax.yes'),
        })}
      </p>
      {props.patient && (
        <>
          <h2>{t('billing.tax.patient')}</h2>
          {person(props.patient)}
        </>
      )}
      <h2>{t('billing.tax.sums')}</h2>
      <p class="tax-sum" data-code="1">
        {t('billing.tax.sum_code1', { sum: money(props.code === '1' ? props.amount : 0) })}
      </p>
      <p class="tax-sum" data-code="2">
        {t('billing.tax.sum_code2', { sum: money(props.code === '2' ? props.amount : 0) })}
      </p>
      <div class="signatures">
        <p>{t('billing.tax.signer', { signer: v(r.signer) })}</p>
        <p>{t('billing.tax.date', { date: formatDay(locale, props.today) })}</p>
      </div>
    </PrintDocument>
  )
}
