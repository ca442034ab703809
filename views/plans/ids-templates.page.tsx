import type { I18n } from '../../server/i18n/i18n.js'
import { PLACEHOLDERS } from '../../server/plans/ids-templates.service.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { TextAreaField } from '../components/form-controls.js'

export interface TemplateFormProps {
  i18n: I18n
  csrfToken: string
  action: string
  values: { title: string; body: string }
  errors?: { title?: string; body?: string }
  submit: string
}

/** The editor of one ИДС text, with the placeholders it may use. */
export function TemplateForm(props: TemplateFormProps) {
  const { t } = props.i18n
  return (
    <form method="post" action={props.action} class="stacked-form">
      <CsrfField token={props.csrfToken} />
      <Field
        id="tpl-title"
        name="title"
        label={t('ids.field.title')}
        value={props.values.title}
        error={props.errors?.title}
      />
      <TextAreaField
        id="tpl-body"
        name="body"
        rows={16}
        label={t('ids.field.body')}
        value={props.values.body}
        hint={t('ids.placeholders', { list: PLACEHOLDERS.map((p) => `{${p}}`).join(', ') })}
        error={props.errors?.body}
      />
      <button type="submit">{props.submit}</button>
    </form>
  )
}

/** The owner's list of ИДС templates in use, and a new one. */
export function IdsTemplatesPage(props: {
  i18n: I18n
  csrfToken: string
  templates: { id: number; title: string; created_at: string }[]
  values?: { title: string; body: string }
  errors?: { title?: string; body?: string }
}) {
  const { t } = props.i18n
  return (
    <section class="card">
      <h1>{t('ids.templates_title')}</h1>
      <p class="hint">{t('ids.templates_intro')}</p>
      <ul>
        {props.templates.map((x) => (
          <li>
            <a href={`/admin/ids-templates/${x.id}`}>{x.title}</a>{' '}
            <span class="hint">
              {t('ids.version_of', { when: props.i18n.dateTime(x.created_at) })}
            </span>
          </li>
        ))}
      </ul>
      <h2>{t('ids.new_template')}</h2>
      <TemplateForm
        i18n={props.i18n}
        csrfToken={props.csrfToken}
        action="/admin/ids-templates"
        values={props.values ?? { title: '', body: '' }}
        errors={props.errors}
        submit={t('ids.create_template')}
      />
    </section>
  )
}

/** One template: edit (saved as a new version) and the versions before it. */
export function IdsTemplatePage(props: {
  i18n: I18n
  csrfToken: string
  id: number
  current: boolean
  values: { title: string; body: string }
  errors?: { title?: string; body?: string }
  history: { id: number; title: string; created_at: string; created_by_name: string | null }[]
}) {
  const { t } = props.i18n
  return (
    <section class="card">
      <p>
        <a href="/admin/ids-templates">{t('ids.back_to_templates')}</a>
      </p>
      <h1>{props.values.title || t('ids.templates_title')}</h1>
      {props.current ? (
        <TemplateForm
          i18n={props.i18n}
          csrfToken={props.csrfToken}
          action={`/admin/ids-templates/${props.id}`}
          values={props.values}
          errors={props.errors}
          submit={t('ids.save_version')}
        />
      ) : (
        <p class="notice">{t('ids.old_version')}</p>
      )}
      <h2>{t('ids.versions')}</h2>
      <ol>
        {props.history.map((h) => (
          <li>
            <a href={`/admin/ids-templates/${h.id}`}>{h.title}</a> —{' '}
            {props.i18n.dateTime(h.created_at)}
            {h.created_by_name && `, ${h.created_by_name}`}
          </li>
        ))}
      </ol>
    </section>
  )
}
