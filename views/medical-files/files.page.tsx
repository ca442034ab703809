import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/plans/fields.js'
import type { MedicalFileRow } from '../../server/medical-files/medical-files.queries.js'
import { PatientBar, type PatientBarProps } from '../plans/patient-bar.js'
import { UploadForm } from './upload-form.partial.js'

/** A patient's X-rays, lab results and consent scans, with thumbnails where there are any. */
export function FilesPage(props: {
  i18n: I18n
  csrfToken: string
  patient: PatientBarProps['patient']
  files: MedicalFileRow[]
  canUpload: boolean
  maxMb: number
}) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/files`
  return (
    <section class="card">
      <PatientBar i18n={props.i18n} patient={props.patient} />
      <h1>{t('files.title')}</h1>
      {props.files.length === 0 ? (
        <p class="empty">{t('files.empty')}</p>
      ) : (
        <ul class="file-grid">
          {props.files.map((f) => {
            const label = t(`files.kind.${f.kind}`)
            const when = f.taken_on
              ? formatDay(props.i18n.locale, f.taken_on)
              : props.i18n.date(f.uploaded_at)
            return (
              <li class="file-card">
                {f.thumbnail_file_id !== null ? (
                  <img
                    src={`${base}/${f.id}/thumbnail`}
                    alt={t('files.thumb_alt', { kind: label, date: when })}
                    class="file-thumb"
                  />
                ) : (
                  <span class={`file-icon file-icon-${f.format}`} aria-hidden="true">
                    {t(`files.format.${f.format}`)}
                  </span>
                )}
                <p class="file-title">
                  {label}, {when}
                </p>
                {f.description && <p>{f.description}</p>}
                <p class="hint">
                  {t('files.uploaded', {
                    who: f.uploaded_by_name,
                    when: props.i18n.dateTime(f.uploaded_at),
                  })}
                </p>
                <a href={`${base}/${f.id}`}>
                  {f.format === 'dicom' ? t('files.download_dicom') : t('files.open')}
                </a>
              </li>
            )
          })}
        </ul>
      )}
      {props.canUpload && (
        <UploadForm
          i18n={props.i18n}
          csrfToken={props.csrfToken}
          patientId={props.patient.id}
          maxMb={props.maxMb}
        />
      )}
    </section>
  )
}
