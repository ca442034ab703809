import type { I18n } from '../../server/i18n/i18n.js'
import type { DocumentRow } from '../../server/patients/documents.queries.js'
import { DOCUMENT_KINDS } from '../../server/patients/patients.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { SelectField } from '../components/form-controls.js'
import { PatientHeader, type PatientHeaderProps } from './patient-header.js'

export interface DocumentsPageProps {
  i18n: I18n
  csrfToken: string
  patient: PatientHeaderProps['patient']
  tabs: PatientHeaderProps['tabs']
  documents: DocumentRow[]
  canWrite: boolean
  maxMb: number
  kind?: string
  error?: string
  notice?: string
}

/** The patient's scans and, for those who may, the upload form. */
export function DocumentsPage(props: DocumentsPageProps) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/documents`
  return (
    <section class="card">
      <PatientHeader
        i18n={props.i18n}
        patient={props.patient}
        tabs={props.tabs}
        current="documents"
      />
      <h2>{t('patients.documents.title')}</h2>
      <p class="muted">{t('patients.documents.intro')}</p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.canWrite && (
        <form
          method="post"
          action={`${base}/upload`}
          enctype="multipart/form-data"
          class="upload-form"
        >
          <CsrfField token={props.csrfToken} />
          <SelectField
            id="document-kind"
            name="kind"
            label={t('patients.documents.kind')}
            value={props.kind ?? 'passport'}
            options={DOCUMENT_KINDS.map((k) => ({
              value: k,
              label: t(`patients.documents.kind.${k}`),
            }))}
          />
          <div class={props.error ? 'field has-error' : 'field'}>
            <label for="document-file">{t('patients.documents.file', { mb: props.maxMb })}</label>
            <input
              id="document-file"
              type="file"
              name="file"
              accept="image/jpeg,image/png,application/pdf"
              required
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={props.error ? 'document-file-error' : undefined}
            />
            {props.error && (
              <p class="error" id="document-file-error" role="alert">
                {props.error}
              </p>
            )}
          </div>
          <button type="submit">{t('patients.documents.upload')}</button>
        </form>
      )}
      {props.documents.length === 0 ? (
        <p class="muted">{t('patients.documents.none')}</p>
      ) : (
        <ul class="documents">
          {props.documents.map((d) => (
            <li>
              <a href={`${base}/${d.id}`}>{t(`patients.documents.kind.${d.kind}`)}</a>{' '}
              <span class="muted">
                {d.original_name} ·{' '}
                {t('patients.documents.uploaded_at', { at: props.i18n.dateTime(d.uploaded_at) })}
              </span>
              {props.canWrite && (
                <form method="post" action={`${base}/${d.id}/remove`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  <button type="submit" class="link-button">
                    {t('patients.documents.remove')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
