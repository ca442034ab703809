import type { I18n } from '../../server/i18n/i18n.js'
import type { ConsentRow } from '../../server/patients/consents.queries.js'
import { CONSENT_KINDS } from '../../server/patients/patients.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'
import { showDate } from './format.js'
import { PatientHeader, type PatientHeaderProps } from './patient-header.js'

export interface ConsentFormState {
  kind: string
  given_on: string
  signed_by: string
  errors: { kind?: string; given_on?: string; signed_by?: string; scan?: string }
  withdrawal?: { id: number; withdrawn_on: string; error?: string }
}

export interface ConsentsPageProps {
  i18n: I18n
  csrfToken: string
  patient: PatientHeaderProps['patient']
  tabs: PatientHeaderProps['tabs']
  consents: ConsentRow[]
  canWrite: boolean
  canSeeScans: boolean
  today: string
  maxMb: number
  form: ConsentFormState
  notice?: string
}

/** Where each consent stands, the history, the forms to print, record and withdraw. */
export function ConsentsPage(props: ConsentsPageProps) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/consents`
  const date = (d: string) => showDate(props.i18n, d)
  return (
    <section class="card">
      <PatientHeader
        i18n={props.i18n}
        patient={props.patient}
        tabs={props.tabs}
        current="consents"
      />
      <h2>{t('patients.consents.title')}</h2>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <dl class="facts consents">
        {CONSENT_KINDS.map((kind) => {
          const latest = props.consents.find((c) => c.kind === kind)
          const w = props.form.withdrawal
          return (
            <>
              <dt>{t(`patients.consents.kind.${kind}`)}</dt>
              <dd data-consent={kind}>
                {!latest
                  ? t('patients.consents.status.none')
                  : latest.withdrawn_on
                    ? t('patients.consents.status.withdrawn', {
                        on: date(latest.withdrawn_on),
                        from: date(latest.given_on),
                      })
                    : t('patients.consents.status.valid', { from: date(latest.given_on) })}
                {props.canWrite && latest && !latest.withdrawn_on && (
                  <form
                    method="post"
                    action={`${base}/${latest.id}/withdraw`}
                    class="withdraw-form"
                  >
                    <CsrfField token={props.csrfToken} />
                    <Field
                      id={`withdraw-${latest.id}`}
                      name="withdrawn_on"
                      type="date"
                      label={t('patients.consents.field.withdrawn_on')}
                      value={w?.id === latest.id ? w.withdrawn_on : props.today}
                      error={w?.id === latest.id ? w.error : undefined}
                    />
                    <button type="submit">{t('patients.consents.withdraw')}</button>
                  </form>
                )}
              </dd>
            </>
          )
        })}
      </dl>
      <p class="muted">{t('patients.consents.marketing_note')}</p>
      {props.canWrite && (
        <>
          <h2>{t('patients.consents.print')}</h2>
          <ul class="plain-links">
            <li>
              <a href={`${base}/print/pd_processing`}>{t('patients.consents.print_pd')}</a>
            </li>
            <li>
              <a href={`${base}/print/marketing`}>{t('patients.consents.print_marketing')}</a>
            </li>
          </ul>
          <RecordForm {...props} action={`${base}/add`} />
        </>
      )}
      {props.consents.length > 0 && (
        <table class="data-table">
          <caption>{t('patients.consents.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('patients.consents.field.kind')}</th>
              <th scope="col">{t('patients.consents.field.given_on')}</th>
              <th scope="col">{t('patients.consents.field.withdrawn_on')}</th>
              <th scope="col">{t('patients.consents.field.signed_by')}</th>
            </tr>
          </thead>
          <tbody>
            {props.consents.map((c) => (
              <tr>
                <td>
                  {t(`patients.consents.kind.${c.kind}`)} (
                  {t('patients.consents.version', { version: c.version })})
                  {props.canSeeScans && c.file_id !== null && (
                    <>
                      {' '}
                      <a href={`${base}/${c.id}/scan`}>{t('patients.consents.scan')}</a>
                    </>
                  )}
                </td>
                <td>{date(c.given_on)}</td>
                <td>{c.withdrawn_on ? date(c.withdrawn_on) : t('patients.none')}</td>
                <td>{t(`patients.consents.signed_by.${c.signed_by}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function RecordForm(props: ConsentsPageProps & { action: string }) {
  const { t } = props.i18n
  const f = props.form
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="consent-form">
      <CsrfField token={props.csrfToken} />
      <h2>{t('patients.consents.record')}</h2>
      <SelectField
        id="consent-kind"
        name="kind"
        label={t('patients.consents.field.kind')}
        value={f.kind}
        error={f.errors.kind}
        options={CONSENT_KINDS.map((k) => ({ value: k, label: t(`patients.consents.kind.${k}`) }))}
      />
      <Field
        id="consent-given_on"
        name="given_on"
        type="date"
        label={t('patients.consents.field.given_on')}
        value={f.given_on}
        error={f.errors.given_on}
        required
      />
      <SelectField
        id="consent-signed_by"
        name="signed_by"
        label={t('patients.consents.field.signed_by')}
        value={f.signed_by}
        error={f.errors.signed_by}
        options={(['patient', 'representative'] as const).map((s) => ({
          value: s,
          label: t(`patients.consents.signed_by.${s}`),
        }))}
      />
      <div class={f.errors.scan ? 'field has-error' : 'field'}>
        <label for="consent-scan">{t('patients.consents.field.scan')}</label>
        <input
          id="consent-scan"
          type="file"
          name="scan"
          accept="image/jpeg,image/png,application/pdf"
          aria-invalid={f.errors.scan ? 'true' : undefined}
          aria-describedby={f.errors.scan ? 'consent-scan-error' : undefined}
        />
        {f.errors.scan && (
          <p class="error" id="consent-scan-error" role="alert">
            {f.errors.scan}
          </p>
        )}
      </div>
      <button type="submit" class="primary">
        {t('patients.consents.record')}
      </button>
    </form>
  )
}
