import type { I18n } from '../../server/i18n/i18n.js'
import type { Patient } from '../../server/patients/patients.table.js'
import { formatPhone, formatSnils, fullName, showDate } from './format.js'
import { PatientHeader, type PatientTab } from './patient-header.js'

export interface PersonLink {
  id: number
  card_number: string
  surname: string
  name: string
  patronymic: string | null
}

export interface PatientCardProps {
  i18n: I18n
  patient: Patient
  age: number
  guardian: PersonLink | undefined
  wards: PersonLink[]
  tabs: readonly PatientTab[]
  canEdit: boolean
  notice?: string
}

/** The personal-data card: read-only view with a link to edit. Nothing medical. */
export function PatientCard(props: PatientCardProps) {
  const { t } = props.i18n
  const p = props.patient
  const none = t('patients.none')
  const row = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{value || none}</dd>
    </>
  )
  const doc = p.id_doc_type
    ? [t(`patients.doc.${p.id_doc_type}`), p.id_doc_series, p.id_doc_number]
        .filter(Boolean)
        .join(' ')
    : null
  return (
    <section class="card">
      <PatientHeader i18n={props.i18n} patient={p} tabs={props.tabs} current="card" />
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.canEdit && (
        <p>
          <a class="button" href={`/patients/${p.id}/edit`}>
            {t('patients.edit')}
          </a>
        </p>
      )}
      <h2>{t('patients.section.person')}</h2>
      <dl class="facts">
        {row(t('patients.field.surname'), p.surname)}
        {row(t('patients.field.name'), p.name)}
        {row(t('patients.field.patronymic'), p.patronymic)}
        {row(t('patients.field.sex'), t(`patients.sex.${p.sex}`))}
        {row(
          t('patients.field.birth_date'),
          `${showDate(props.i18n, p.birth_date)} (${t('patients.age', { age: props.age })})`,
        )}
        {row(t('patients.field.card_number'), p.card_number)}
      </dl>
      <h2>{t('patients.section.contacts')}</h2>
      <dl class="facts">
        {row(t('patients.field.phone'), p.phone && formatPhone(p.phone))}
        {row(t('patients.field.phone_extra'), p.phone_extra && formatPhone(p.phone_extra))}
        {row(t('patients.field.email'), p.email)}
        {row(t('patients.field.address'), p.address)}
        {row(
          t('patients.field.contact_channel'),
          p.contact_channel && t(`patients.channel.${p.contact_channel}`),
        )}
      </dl>
      <h2>{t('patients.section.insurance')}</h2>
      <dl class="facts">
        {row(t('patients.field.snils'), p.snils && formatSnils(p.snils))}
        {row(t('patients.field.oms_policy'), p.oms_policy)}
        {row(t('patients.field.oms_insurer'), p.oms_insurer)}
        {row(t('patients.field.dms_policy'), p.dms_policy)}
        {row(t('patients.field.dms_insurer'), p.dms_insurer)}
      </dl>
      <h2>{t('patients.section.document')}</h2>
      <dl class="facts">
        {row(t('patients.field.id_doc_type'), doc)}
        {row(t('patients.field.id_doc_issued_by'), p.id_doc_issued_by)}
        {row(
          t('patients.field.id_doc_issued_on'),
          p.id_doc_issued_on && showDate(props.i18n, p.id_doc_issued_on),
        )}
      </dl>
      {(props.guardian || props.wards.length > 0) && (
        <>
          <h2>{t('patients.section.guardian')}</h2>
          <dl class="facts">
            {props.guardian && (
              <>
                <dt>{p.guardian_relation || t('patients.section.guardian')}</dt>
                <dd>
                  <a href={`/patients/${props.guardian.id}`}>{fullName(props.guardian)}</a>
                </dd>
              </>
            )}
            {props.wards.length > 0 && (
              <>
                <dt>{t('patients.wards')}</dt>
                <dd>
                  <ul class="plain-links">
                    {props.wards.map((w) => (
                      <li>
                        <a href={`/patients/${w.id}`}>{fullName(w)}</a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      <p class="muted">{t('patients.created', { at: props.i18n.dateTime(p.created_at) })}</p>
    </section>
  )
}
