import type { I18n } from '../../server/i18n/i18n.js'
import type { Icd10Code } from '../../server/medical/icd10.js'
import { VISIT_FIELD_LABELS, type VisitTextField } from '../../server/medical/layout.js'
import type { VisitErrors, VisitValues } from '../../server/medical/visit-form.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { IcdPicker } from './icd-picker.partial.js'
import { SelectField, TextAreaField } from '../components/form-controls.js'
import { FormError } from './inputs.js'

export const VISIT_EDITOR_ID = 'visit-editor'

export type EditorMode = 'new' | 'edit' | 'correct'

export interface VisitEditorProps {
  i18n: I18n
  csrfToken: string
  patientId: number
  mode: EditorMode
  /** The record edited or corrected, and the revision the form started from. */
  recordId?: number
  baseRevision?: number
  values: VisitValues
  errors: VisitErrors
  doctors: { id: number; full_name: string }[]
  templates: { id: number; name: string }[]
  icdQuery: string
  icdFound: Icd10Code[]
}

export function editorAction(patientId: number, mode: EditorMode, recordId?: number): string {
  const base = `/patients/${patientId}/medical/visits`
  if (mode === 'new') return base
  return mode === 'edit' ? `${base}/${recordId}` : `${base}/${recordId}/correct`
}

/**
 * The visit record form. A plain POST form; two helpers re-render it without saving (the
 * compose route): fill from a template and find a K-code. With htmx they swap only the form
 * or the code list; without JS they are ordinary submit buttons.
 */
export function VisitEditor(props: VisitEditorProps) {
  const { t } = props.i18n
  const v = props.values
  const err = (k: keyof VisitErrors) => {
    const e = props.errors[k]
    return e ? t(e.key, e.params) : undefined
  }
  const compose = `/patients/${props.patientId}/medical/visits/compose`
  const text = (f: VisitTextField, rows = 3) => (
    <TextAreaField
      id={f}
      name={f}
      label={t(VISIT_FIELD_LABELS[f])}
      value={v[f]}
      error={err(f)}
      rows={rows}
      leadingNewline
    />
  )
  return (
    <form
      id={VISIT_EDITOR_ID}
      method="post"
      action={editorAction(props.patientId, props.mode, props.recordId)}
      class="visit-editor"
    >
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="mode" value={props.mode} />
      {props.recordId !== undefined && (
        <input type="hidden" name="record_id" value={String(props.recordId)} />
      )}
      {props.baseRevision !== undefined && (
        <input type="hidden" name="base_revision" value={String(props.baseRevision)} />
      )}
      <FormError
        message={
          Object.keys(props.errors).length > 0
            ? (err('form') ?? t('medical.error.form'))
            : undefined
        }
      />
      {props.mode === 'correct' && (
        <TextAreaField
          id="reason"
          name="reason"
          label={t('medical.visit.reason')}
          value={v.reason}
          error={err('reason')}
          rows={2}
          leadingNewline
        />
      )}
      {props.templates.length > 0 && (
        <div class="template-fill no-print">
          <SelectField
            id="template"
            name="template"
            label={t('medical.editor.template')}
            value=""
            options={[
              { value: '', label: t('medical.editor.template_none') },
              ...props.templates.map((x) => ({ value: String(x.id), label: x.name })),
            ]}
          />
          <button
            type="submit"
            name="intent"
            value="template"
            formaction={compose}
            formnovalidate
            hx-post={compose}
            hx-target={`#${VISIT_EDITOR_ID}`}
            hx-swap="outerHTML"
          >
            {t('medical.editor.template_apply')}
          </button>
          <p class="hint">{t('medical.editor.template_hint')}</p>
        </div>
      )}
      <div class="editor-row">
        <Field
          id="visit_date"
          name="visit_date"
          type="date"
          label={t('medical.visit.date')}
          value={v.visit_date}
          error={err('visit_date')}
          required
        />
        <SelectField
          id="doctor_id"
          name="doctor_id"
          label={t('medical.visit.doctor')}
          value={v.doctor_id}
          error={err('doctor_id')}
          options={[
            { value: '', label: t('medical.editor.choose_doctor') },
            ...props.doctors.map((d) => ({ value: String(d.id), label: d.full_name })),
          ]}
        />
      </div>
      {text('complaints')}
      {text('anamnesis_morbi')}
      {text('anamnesis_vitae')}
      {text('objective')}
      {text('oral_cavity')}
      {text('dental_status')}
      <IcdPicker
        i18n={props.i18n}
        composeAction={compose}
        query={props.icdQuery}
        found={props.icdFound}
        selected={v.diagnosis_code}
        error={err('diagnosis_code')}
      >
        {text('diagnosis_text', 2)}
        <label class="choice">
          <input type="checkbox" name="diagnosis_first" value="1" checked={v.diagnosis_first} />{' '}
          {t('medical.field.diagnosis_first')}
        </label>
      </IcdPicker>
      {text('concomitant', 2)}
      {text('treatment')}
      {text('recommendations')}
      <p>
        <button type="submit" class="primary">
          {props.mode === 'correct'
            ? t('medical.editor.save_correction')
            : t('medical.editor.save')}
        </button>{' '}
        <a
          href={
            props.recordId
              ? `/patients/${props.patientId}/medical/visits/${props.recordId}`
              : `/patients/${props.patientId}/medical`
          }
        >
          {t('medical.editor.cancel')}
        </a>
      </p>
    </form>
  )
}
