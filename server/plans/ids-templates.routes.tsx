import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { IdsTemplatePage, IdsTemplatesPage } from '../../views/plans/ids-templates.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import {
  findTemplate,
  isCurrentTemplate,
  listCurrentTemplates,
  templateHistory,
} from './ids.queries.js'
import { saveTemplate } from './ids-templates.service.js'
import { pathId } from './medical-access.js'
import { actorOf, depsOf } from './plan-page.js'
import type { FieldErrors } from './plans.service.js'

// The ИДС texts are the clinic's legal documents, kept by the owner like the price list
// (admin.staff, office only). Doctors print them from a plan; they do not rewrite them.

type Ctx = Context<AppEnv>
const templateForm = z.object({
  title: z.string().max(2000).default(''),
  body: z.string().max(100_000).default(''),
})

function messages(c: Ctx, errors: FieldErrors) {
  const out: { title?: string; body?: string } = {}
  if (errors.title) out.title = c.get('i18n').t(errors.title)
  if (errors.body) out.body = c.get('i18n').t(errors.body)
  return out
}

async function templatePage(
  c: Ctx,
  id: number,
  values?: { title: string; body: string },
  errors?: FieldErrors,
) {
  const db = c.get('services').db
  const template = await findTemplate(db, id)
  if (!template) throw notFound()
  return c.render(
    <IdsTemplatePage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      id={id}
      current={await isCurrentTemplate(db, id)}
      values={values ?? { title: template.title, body: template.body }}
      errors={errors && messages(c, errors)}
      history={await templateHistory(db, id)}
    />,
    { title: c.get('i18n').t('ids.templates_title') },
  )
}

export function idsTemplateRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/admin/ids-templates', allow('admin.staff'), async (c) =>
    c.render(
      <IdsTemplatesPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        templates={await listCurrentTemplates(c.get('services').db)}
      />,
      { title: c.get('i18n').t('ids.templates_title') },
    ),
  )

  app.post('/admin/ids-templates', allow('admin.staff'), async (c) => {
    const input = await form(c, templateForm)
    const result = await saveTemplate(depsOf(c), actorOf(c), input, null)
    if (result?.ok) return c.redirect(`/admin/ids-templates/${result.id}`, 303)
    c.status(422)
    return c.render(
      <IdsTemplatesPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        templates={await listCurrentTemplates(c.get('services').db)}
        values={input}
        errors={result ? messages(c, result.errors) : undefined}
      />,
      { title: c.get('i18n').t('ids.templates_title') },
    )
  })

  app.get('/admin/ids-templates/:templateId', allow('admin.staff'), (c) =>
    templatePage(c, pathId(c, 'templateId')),
  )

  app.post('/admin/ids-templates/:templateId', allow('admin.staff'), async (c) => {
    const id = pathId(c, 'templateId')
    const input = await form(c, templateForm)
    const result = await saveTemplate(depsOf(c), actorOf(c), input, id)
    if (!result) throw notFound()
    if (result.ok) return c.redirect(`/admin/ids-templates/${result.id}`, 303)
    c.status(422)
    return templatePage(c, id, input, result.errors)
  })

  return app
}
