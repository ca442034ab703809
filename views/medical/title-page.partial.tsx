import type { I18n } from '../../server/i18n/i18n.js'
import type { MedicalCardRevision } from '../../server/medical/medical.table.js'
import type { PatientTitle } from '../../server/medical/patient-title.queries.js'
import { formatDay, fullName } from '../../server/medical/format.js'

/** The medical part of the title page, or nothing yet written. */
export type CardData = Pick<
  MedicalCardRevision,
  'blood_group' | 'rh' | 'allergies' | 'chronic_conditions' | 'dispensary_conditions'
>

/**
 * The title page of form 025/у: the personal data from the patient card (read-only here;
 * fields this terminal may not show say so), then blood group, Rh, allergies, conditions.
 */
export function TitlePage(props: { i18n: I18n; patient: PatientTitle; card?: CardData }) {
  const { t } = props.i18n
  const p = props.patient
  const hidden = <span class="muted">{t('medical.patient.hidden')}</span>
  const text = (v: string | undefined) =>
    v && v.trim() !== '' ? (
      <span class="record-text">{v}</span>
    ) : (
      <span class="muted">{t('medical.card.not_given')}</span>
    )
  const idDoc = [p.id_doc_series, p.id_doc_number].filter(Boolean).join(' ')
  return (
    <div class="title-page">
      <dl class="facts">
        <dt>{t('medical.patient.card_number')}</dt>
        <dd>{p.card_number}</dd>
        <dt>{t('medical.patient.fio')}</dt>
        <dd>{fullName(p)}</dd>
        <dt>{t('medical.patient.sex')}</dt>
        <dd>{t(`medical.patient.sex.${p.sex}`)}</dd>
        <dt>{t('medical.patient.birth_date')}</dt>
        <dd>{formatDay(props.i18n, p.birth_date)}</dd>
        <dt>{t('medical.patient.address')}</dt>
        <dd>{p.visible.contacts ? text(p.address ?? '') : hidden}</dd>
        <dt>{t('medical.patient.snils')}</dt>
        <dd>{p.visible.documents ? text(p.snils ?? '') : hidden}</dd>
        <dt>{t('medical.patient.oms')}</dt>
        <dd>{p.visible.documents ? text(p.oms_policy ?? '') : hidden}</dd>
        <dt>{t('medical.patient.insurer')}</dt>
        <dd>{p.visible.documents ? text(p.oms_insurer ?? '') : hidden}</dd>
        <dt>{t('medical.patient.id_doc')}</dt>
        <dd>{p.visible.documents ? text(idDoc) : hidden}</dd>
      </dl>
      <h3>{t('medical.card.medical_data')}</h3>
      <dl class="facts">
        <dt>{t('medical.card.blood_group')}</dt>
        <dd>{t(`medical.blood.${props.card?.blood_group ?? ''}`)}</dd>
        <dt>{t('medical.card.rh')}</dt>
        <dd>{t(`medical.rh.${props.card?.rh ?? ''}`)}</dd>
        <dt>{t('medical.card.allergies')}</dt>
        <dd>{text(props.card?.allergies)}</dd>
        <dt>{t('medical.card.chronic')}</dt>
        <dd>{text(props.card?.chronic_conditions)}</dd>
        <dt>{t('medical.card.dispensary')}</dt>
        <dd>{text(props.card?.dispensary_conditions)}</dd>
      </dl>
    </div>
  )
}
