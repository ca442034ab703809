import type { I18n } from '../../server/i18n/i18n.js'
import type { DocumentKind } from '../../server/patients/patients.table.js'
import { PatientHeader, type PatientHeaderProps } from './patient-header.js'

export interface DocumentPageProps {
  i18n: I18n
  patient: PatientHeaderProps['patient']
  tabs: PatientHeaderProps['tabs']
  document: {
    id: number
    kind: DocumentKind
    original_name: string
    uploaded_at: string
    media_type: string
  }
}

/** One scan shown in the page: an image inline, a PDF in a frame; each load is audited. */
export function DocumentPage(props: DocumentPageProps) {
  const { t } = props.i18n
  const d = props.document
  const base = `/patients/${props.patient.id}/documents`
  const src = `${base}/${d.id}/file`
  const label = t(`patients.documents.kind.${d.kind}`)
  return (
    <section class="card">
      <PatientHeader
        i18n={props.i18n}
        patient={props.patient}
        tabs={props.tabs}
        current="documents"
      />
      <h2>{label}</h2>
      <p class="muted">
        {d.original_name} ·{' '}
        {t('patients.documents.uploaded_at', { at: props.i18n.dateTime(d.uploaded_at) })}
      </p>
      {d.media_type === 'application/pdf' ? (
        <iframe class="document-frame" src={src} title={label}></iframe>
      ) : (
        <img class="document-image" src={src} alt={label} />
      )}
      <p>
        <a href={src} target="_blank" rel="noopener">
          {t('patients.documents.download')}
        </a>{' '}
        · <a href={base}>{t('patients.documents.back')}</a>
      </p>
    </section>
  )
}
