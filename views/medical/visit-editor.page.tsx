import { PatientBanner, type BannerPatient } from './patient-banner.js'
import { VisitEditor, type VisitEditorProps } from './visit-editor.partial.js'

const TITLES = {
  new: 'medical.editor.new_title',
  edit: 'medical.editor.edit_title',
  correct: 'medical.editor.correct_title',
} as const

/** The editor as a whole page: new record, draft, or correction of a signed record. */
export function VisitEditorPage(
  props: VisitEditorProps & { patient: BannerPatient; notice?: string },
) {
  const { t } = props.i18n
  return (
    <article class="card">
      <PatientBanner i18n={props.i18n} patient={props.patient} current="other" />
      <h1>{t(TITLES[props.mode])}</h1>
      {props.mode === 'correct' && <p class="notice">{t('medical.visit.signed_notice')}</p>}
      {props.notice && (
        <p class="error-box" role="alert">
          {props.notice}
        </p>
      )}
      <VisitEditor {...props} />
    </article>
  )
}
