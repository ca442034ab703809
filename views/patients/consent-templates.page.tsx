import type { I18n } from '../../server/i18n/i18n.js'
import type { TemplateKind } from '../../server/patients/patients.table.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { TextAreaField } from '../components/form-controls.js'

export interface TemplateEditState {
  kind: TemplateKind
  title: string
  body: string
  errors: { title?: string; body?: string }
}

export interface ConsentTemplatesPageProps {
  i18n: I18n
  csrfToken: string
  templates: {
    kind: TemplateKind
    version: number
    title: string
    body: string
    created_at: string
  }[]
  /** A refused edit, shown again with its input and messages. */
  edit?: TemplateEditState
  notice?: string
}

/** The owner's editor of consent texts; each save makes a new version. */
export function ConsentTemplatesPage(props: ConsentTemplatesPageProps) {
  const { t } = props.i18n
  return (
    <section class="card">
      <h1>{t('patients.templates.title')}</h1>
      <p class="muted">{t('patients.templates.intro')}</p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.templates.map((tpl) => {
        const edit = props.edit?.kind === tpl.kind ? props.edit : undefined
        return (
          <form method="post" action={`/admin/consent-templates/${tpl.kind}`} class="template-form">
            <CsrfField token={props.csrfToken} />
            <h2>{t(`patients.templates.kind.${tpl.kind}`)}</h2>
            <p class="muted">
              {t('patients.templates.current', {
                version: tpl.version,
                at: props.i18n.dateTime(tpl.created_at),
              })}
            </p>
            <Field
              id={`template-${tpl.kind}-title`}
              name="title"
              label={t('patients.templates.field.title')}
              value={edit ? edit.title : tpl.title}
              error={edit?.errors.title}
            />
            <TextAreaField
              id={`template-${tpl.kind}-body`}
              name="body"
              label={t('patients.templates.field.body')}
              value={edit ? edit.body : tpl.body}
              error={edit?.errors.body}
              rows={16}
            />
            <button type="submit">{t('patients.templates.save')}</button>
          </form>
        )
      })}
    </section>
  )
}
