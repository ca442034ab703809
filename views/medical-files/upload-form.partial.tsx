import type { I18n } from '../../server/i18n/i18n.js'
import { ACCEPT } from '../../server/medical-files/upload-check.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { FileField, FormError, SelectField } from '../components/form-controls.js'

export const UPLOAD_FORM_ID = 'medical-file-upload'

export interface UploadValues {
  kind: string
  description: string
  taken_on: string
}

/** Adds an X-ray or a lab result; re-rendered with the problem (422) when refused. */
export function UploadForm(props: {
  i18n: I18n
  csrfToken: string
  patientId: number
  values?: UploadValues
  errors?: { file?: string; kind?: string; description?: string; taken_on?: string }
  maxMb: number
}) {
  const { t } = props.i18n
  const v = props.values ?? { kind: 'xray', description: '', taken_on: '' }
  const e = props.errors ?? {}
  return (
    <form
      id={UPLOAD_FORM_ID}
      method="post"
      action={`/patients/${props.patientId}/files`}
      enctype="multipart/form-data"
      class="stacked-form"
      hx-post={`/patients/${props.patientId}/files`}
      hx-encoding="multipart/form-data"
      hx-target={`#${UPLOAD_FORM_ID}`}
      hx-swap="outerHTML"
    >
      <h2>{t('files.upload_title')}</h2>
      <FormError message={Object.keys(e).length > 0 ? t('files.error.summary') : undefined} />
      <CsrfField token={props.csrfToken} />
      <SelectField
        id="file-kind"
        name="kind"
        label={t('files.field.kind')}
        value={v.kind}
        options={[
          { value: 'xray', label: t('files.kind.xray') },
          { value: 'lab', label: t('files.kind.lab') },
        ]}
        error={e.kind}
      />
      <FileField
        id="file-file"
        name="file"
        label={t('files.field.file')}
        accept={`${ACCEPT.xray},${ACCEPT.lab}`}
        hint={t('files.file_hint', { mb: props.maxMb })}
        error={e.file}
        required
      />
      <Field
        id="file-description"
        name="description"
        label={t('files.field.description')}
        value={v.description}
        error={e.description}
      />
      <Field
        id="file-taken-on"
        name="taken_on"
        type="date"
        label={t('files.field.taken_on')}
        value={v.taken_on}
        error={e.taken_on}
      />
      <button type="submit">{t('files.upload')}</button>
    </form>
  )
}
