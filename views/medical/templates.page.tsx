import type { I18n } from '../../server/i18n/i18n.js'
import { VISIT_FIELD_LABELS, VISIT_TEXT_FIELDS } from '../../server/medical/layout.js'
import type { FieldError } from '../../server/medical/text-input.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { TextAreaField } from '../components/form-controls.js'
import { FormError } from './inputs.js'

export type TemplateValues = Record<
  (typeof VISIT_TEXT_FIELDS)[number] | 'name' | 'diagnosis_code',
  string
>
export type TemplateErrors = Partial<Record<keyof TemplateValues | 'form', FieldError>>

/** One template's form: a name and the routine text of each field of a visit record. */
export function TemplateForm(props: {
  i18n: I18n
  csrfToken: string
  action: string
  values: TemplateValues
  errors: TemplateErrors
}) {
  const { t } = props.i18n
  const err = (k: keyof TemplateErrors) => {
    const e = props.errors[k]
    return e ? t(e.key, e.params) : undefined
  }
  return (
    <form method="post" action={props.action} class="template-form">
      <CsrfField token={props.csrfToken} />
      <FormError message={err('form')} />
      <Field
        id="tpl-name"
        name="name"
        label={t('medical.templates.name')}
        value={props.values.name}
        error={err('name')}
        required
      />
      {VISIT_TEXT_FIELDS.map((f) => (
        <TextAreaField
          id={`tpl-${f}`}
          name={f}
          label={t(VISIT_FIELD_LABELS[f])}
          value={props.values[f]}
          error={err(f)}
          rows={2}
          leadingNewline
        />
      ))}
      <Field
        id="tpl-code"
        name="diagnosis_code"
        label={t('medical.field.diagnosis_code')}
        value={props.values.diagnosis_code}
        error={err('diagnosis_code')}
        hint={t('medical.icd.hint')}
      />
      <button type="submit" class="primary">
        {t('medical.templates.save')}
      </button>
    </form>
  )
}

/** The doctor's own templates, and a form for a new one. */
export function TemplatesPage(props: {
  i18n: I18n
  csrfToken: string
  templates: { id: number; name: string }[]
  values: TemplateValues
  errors: TemplateErrors
}) {
  const { t } = props.i18n
  return (
    <article class="card">
      <h1>{t('medical.templates.title')}</h1>
      <p class="muted">{t('medical.templates.intro')}</p>
      {props.templates.length === 0 ? (
        <p>{t('medical.templates.empty')}</p>
      ) : (
        <ul class="template-list">
          {props.templates.map((x) => (
            <li>
              <a href={`/medical/templates/${x.id}`}>{x.name}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('medical.templates.new')}</h2>
      <TemplateForm
        i18n={props.i18n}
        csrfToken={props.csrfToken}
        action="/medical/templates"
        values={props.values}
        errors={props.errors}
      />
    </article>
  )
}

/** One template to change or delete. */
export function TemplatePage(props: {
  i18n: I18n
  csrfToken: string
  id: number
  values: TemplateValues
  errors: TemplateErrors
}) {
  const { t } = props.i18n
  return (
    <article class="card">
      <p>
        <a href="/medical/templates">{t('medical.templates.back')}</a>
      </p>
      <h1>{props.values.name || t('medical.templates.title')}</h1>
      <TemplateForm
        i18n={props.i18n}
        csrfToken={props.csrfToken}
        action={`/medical/templates/${props.id}`}
        values={props.values}
        errors={props.errors}
      />
      <form method="post" action={`/medical/templates/${props.id}/delete`} class="secondary-action">
        <CsrfField token={props.csrfToken} />
        <button type="submit">{t('medical.templates.delete')}</button>
      </form>
    </article>
  )
}
