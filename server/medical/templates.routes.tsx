import { Hono, type Context } from 'hono'
import {
  TemplatePage,
  TemplatesPage,
  type TemplateErrors,
  type TemplateValues,
} from '../../views/medical/templates.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { UserFacingError } from '../http/errors.js'
import { findIcd10, normalizeIcd10 } from './icd10.js'
import { LINE_MAX, TEXT_MAX, VISIT_TEXT_FIELDS } from './layout.js'
import { pathNumber } from './medical-access.js'
import { findTemplate, insertTemplate, listTemplates, updateTemplate } from './templates.queries.js'
import { formBody, readChoice, readText } from './text-input.js'

type Ctx = Context<AppEnv>

const NAME_MAX = 200

function emptyTemplate(): TemplateValues {
  return Object.fromEntries(
    ['name', 'diagnosis_code', ...VISIT_TEXT_FIELDS].map((f) => [f, '']),
  ) as TemplateValues
}

/** Reads and checks a template form; the values come back as typed for a re-render. */
async function readTemplate(c: Ctx) {
  const body = await formBody(c)
  const values = emptyTemplate()
  const errors: TemplateErrors = {}
  const name = readText(body, 'name', NAME_MAX)
  values.name = name.value.trim()
  if (name.error || values.name === '') errors.name = { key: 'medical.templates.error_name' }
  for (const f of VISIT_TEXT_FIELDS) {
    const r = readText(body, f, f === 'diagnosis_text' ? LINE_MAX : TEXT_MAX)
    values[f] = r.value
    if (r.error) errors[f] = r.error
  }
  values.diagnosis_code = normalizeIcd10(readChoice(body, 'diagnosis_code'))
  if (values.diagnosis_code !== '' && !findIcd10(values.diagnosis_code)) {
    errors.diagnosis_code = { key: 'medical.error.code' }
  }
  if (Object.keys(errors).length > 0) errors.form = { key: 'medical.error.form' }
  return { values, errors }
}

function row(values: TemplateValues) {
  const { name, diagnosis_code, ...texts } = values
  return { name, diagnosis_code: diagnosis_code === '' ? null : diagnosis_code, ...texts }
}

/**
 * A doctor's own visit-record templates. They hold routine text, never patient data, so they
 * are not audited as medical reads; each person sees and changes only their own (404 else).
 */
export function templateRoutes() {
  const app = new Hono<AppEnv>()

  const list = async (c: Ctx, values: TemplateValues, errors: TemplateErrors) => {
    const templates = await listTemplates(c.get('services').db, [c.get('session')!.staffId])
    return c.render(
      <TemplatesPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        templates={templates}
        values={values}
        errors={errors}
      />,
      { title: c.get('i18n').t('medical.templates.title') },
    )
  }
  const mine = async (c: Ctx) => {
    const id = pathNumber(c.req.param('templateId'))
    const me = c.get('session')!.staffId
    const tpl = id === undefined ? undefined : await findTemplate(c.get('services').db, id, [me])
    if (!tpl) throw new UserFacingError(404, 'error.not_found')
    return tpl
  }

  app.get('/medical/templates', allow('medical.write'), (c) => list(c, emptyTemplate(), {}))

  app.post('/medical/templates', allow('medical.write'), async (c) => {
    const { values, errors } = await readTemplate(c)
    if (Object.keys(errors).length > 0) {
      c.status(422)
      return list(c, values, errors)
    }
    const at = c.get('services').now().toISOString()
    await insertTemplate(c.get('services').db, {
      ...row(values),
      staff_id: c.get('session')!.staffId,
      created_at: at,
      updated_at: at,
    })
    return c.redirect('/medical/templates', 303)
  })

  app.get('/medical/templates/:templateId', allow('medical.write'), async (c) => {
    const tpl = await mine(c)
    const values = emptyTemplate()
    for (const f of VISIT_TEXT_FIELDS) values[f] = tpl[f]
    values.name = tpl.name
    values.diagnosis_code = tpl.diagnosis_code ?? ''
    return c.render(
      <TemplatePage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        id={tpl.id}
        values={values}
        errors={{}}
      />,
      { title: tpl.name },
    )
  })

  app.post('/medical/templates/:templateId', allow('medical.write'), async (c) => {
    const tpl = await mine(c)
    const { values, errors } = await readTemplate(c)
    if (Object.keys(errors).length > 0) {
      c.status(422)
      return c.render(
        <TemplatePage
          i18n={c.get('i18n')}
          csrfToken={c.get('csrfToken')}
          id={tpl.id}
          values={values}
          errors={errors}
        />,
        { title: tpl.name },
      )
    }
    const at = c.get('services').now().toISOString()
    await updateTemplate(c.get('services').db, tpl.id, c.get('session')!.staffId, {
      ...row(values),
      updated_at: at,
    })
    return c.redirect('/medical/templates', 303)
  })

  app.post('/medical/templates/:templateId/delete', allow('medical.write'), async (c) => {
    const tpl = await mine(c)
    const at = c.get('services').now().toISOString()
    await updateTemplate(c.get('services').db, tpl.id, c.get('session')!.staffId, {
      archived_at: at,
      updated_at: at,
    })
    return c.redirect('/medical/templates', 303)
  })

  return app
}
