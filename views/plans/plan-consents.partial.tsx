import type { I18n } from '../../server/i18n/i18n.js'
import { ACCEPT } from '../../server/medical-files/upload-check.js'
import { formatDay } from '../../server/plans/fields.js'
import type { ConsentRow } from '../../server/plans/ids.queries.js'
import type { ItemRow } from '../../server/plans/plans.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { FileField, FormError, SelectField } from '../components/form-controls.js'
import type { FormErrors } from './plan-forms.partial.js'

export const CONSENTS_ID = 'plan-consents'

export interface ConsentsProps {
  i18n: I18n
  csrfToken: string
  base: string
  patientId: number
  consents: ConsentRow[]
  templates: { id: number; title: string }[]
  items: ItemRow[]
  minor: boolean
  guardian?: { name: string; relation: string }
  today: string
  canWrite: boolean
  canSeeScans: boolean
  canUploadScan: boolean
  values?: Record<string, string>
  errors?: FormErrors
}

/** ИДС of the plan: who signed what and when, printing a blank, recording a signed one. */
export function PlanConsents(props: ConsentsProps) {
  const { t } = props.i18n
  const v = props.values ?? {}
  const e = props.errors ?? {}
  const itemLabel = (i: { item_name: string | null; tooth: number | null }) =>
    i.item_name
      ? i.tooth
        ? t('ids.item_tooth', { name: i.item_name, tooth: i.tooth })
        : i.item_name
      : t('ids.whole_plan')
  const itemOptions = [
    { value: '', label: t('ids.whole_plan') },
    ...props.items
      .filter((i) => i.status !== 'cancelled')
      .map((i) => ({
        value: String(i.id),
        label: itemLabel({ item_name: i.name, tooth: i.tooth }),
      })),
  ]
  const templateOptions = props.templates.map((x) => ({ value: String(x.id), label: x.title }))
  const signerOptions = [
    { value: 'patient', label: t('ids.signer.patient') },
    { value: 'representative', label: t('ids.signer.representative') },
  ]
  return (
    <section id={CONSENTS_ID} aria-labelledby="consents-title">
      <h2 id="consents-title">{t('ids.title')}</h2>
      {props.minor && <p class="notice">{t('ids.minor_notice')}</p>}
      {props.consents.length === 0 ? (
        <p class="empty">{t('ids.none')}</p>
      ) : (
        <ul class="consent-list">
          {props.consents.map((c) => (
            <li>
              {t('ids.signed_line', {
                what: itemLabel(c),
                template: c.template_title,
                date: formatDay(props.i18n.locale, c.signed_on),
                signer:
                  c.signer === 'patient'
                    ? t('ids.signer.patient')
                    : `${c.representative_name ?? ''} (${c.representative_relation ?? t('ids.signer.representative')})`,
              })}{' '}
              <span class="hint">
                {t('ids.recorded_by', {
                  who: c.recorded_by_name,
                  when: props.i18n.dateTime(c.recorded_at),
                })}
              </span>
              {c.scan_id !== null && props.canSeeScans && (
                <>
                  {' '}
                  <a href={`/patients/${props.patientId}/files/${c.scan_id}`}>
                    {t('ids.scan_link')}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <form method="get" action={`${props.base}/ids/print`} class="inline-form">
        <h3>{t('ids.print_title')}</h3>
        <SelectField
          id="print-template"
          name="template"
          label={t('ids.field.template')}
          options={templateOptions}
        />
        <SelectField
          id="print-item"
          name="item"
          label={t('ids.field.item')}
          options={itemOptions}
        />
        <button type="submit">{t('ids.print')}</button>
      </form>
      {props.canWrite && (
        <form
          method="post"
          action={`${props.base}/ids`}
          enctype="multipart/form-data"
          class="stacked-form"
          id="record-ids"
        >
          <h3>{t('ids.record_title')}</h3>
          <FormError message={Object.keys(e).length > 0 ? t('ids.error.summary') : undefined} />
          <CsrfField token={props.csrfToken} />
          <SelectField
            id="ids-template"
            name="template_id"
            label={t('ids.field.template')}
            options={templateOptions}
            value={v.template_id}
            error={e.template_id}
          />
          <SelectField
            id="ids-item"
            name="item_id"
            label={t('ids.field.item')}
            options={itemOptions}
            value={v.item_id}
            error={e.item_id}
          />
          <Field
            id="ids-signed-on"
            name="signed_on"
            type="date"
            label={t('ids.field.signed_on')}
            value={v.signed_on ?? props.today}
            error={e.signed_on}
          />
          <SelectField
            id="ids-signer"
            name="signer"
            label={t('ids.field.signer')}
            options={signerOptions}
            value={v.signer ?? (props.minor ? 'representative' : 'patient')}
            error={e.signer}
          />
          <Field
            id="ids-rep-name"
            name="representative_name"
            label={t('ids.field.representative_name')}
            value={v.representative_name ?? props.guardian?.name ?? ''}
            hint={t('ids.representative_hint')}
            error={e.representative_name}
          />
          <Field
            id="ids-rep-relation"
            name="representative_relation"
            label={t('ids.field.representative_relation')}
            value={v.representative_relation ?? props.guardian?.relation ?? ''}
            error={e.representative_relation}
          />
          {props.canUploadScan && (
            <FileField
              id="ids-scan"
              name="scan"
              label={t('ids.field.scan')}
              accept={ACCEPT.consent_scan}
              hint={t('ids.scan_hint')}
              error={e.scan}
            />
          )}
          <button type="submit">{t('ids.record')}</button>
        </form>
      )}
    </section>
  )
}
