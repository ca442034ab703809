import type { I18n } from '../../server/i18n/i18n.js'
import type { NoteRow } from '../../server/patients/notes.queries.js'
import { CsrfField } from '../components/csrf-field.js'
import { TextAreaField } from '../components/form-controls.js'
import { PatientHeader, type PatientHeaderProps } from './patient-header.js'

export interface NotesPageProps {
  i18n: I18n
  csrfToken: string
  patient: PatientHeaderProps['patient']
  tabs: PatientHeaderProps['tabs']
  notes: NoteRow[]
  canWrite: boolean
  body?: string
  error?: string
  notice?: string
}

/** Front-desk notes, kept apart from anything medical. */
export function NotesPage(props: NotesPageProps) {
  const { t } = props.i18n
  return (
    <section class="card">
      <PatientHeader i18n={props.i18n} patient={props.patient} tabs={props.tabs} current="notes" />
      <h2>{t('patients.notes.title')}</h2>
      <p class="muted">{t('patients.notes.intro')}</p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.canWrite && (
        <form method="post" action={`/patients/${props.patient.id}/notes/add`}>
          <CsrfField token={props.csrfToken} />
          <TextAreaField
            id="note-body"
            name="body"
            label={t('patients.notes.body')}
            value={props.body}
            error={props.error}
            rows={3}
            required
          />
          <button type="submit">{t('patients.notes.add')}</button>
        </form>
      )}
      {props.notes.length === 0 ? (
        <p class="muted">{t('patients.notes.none')}</p>
      ) : (
        <ul class="notes">
          {props.notes.map((n) => (
            <li>
              <p class="note-body">{n.body}</p>
              <p class="muted">
                {t('patients.notes.by', {
                  at: props.i18n.dateTime(n.created_at),
                  who: n.author ?? '—',
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
