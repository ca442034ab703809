import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  ConsentTemplatesPage,
  type TemplateEditState,
} from '../../views/patients/consent-templates.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { currentTemplate, insertTemplate } from './consents.queries.js'
import type { TemplateKind } from './patients.table.js'

const KINDS: readonly TemplateKind[] = ['pd_processing', 'marketing']
const TITLE_MAX = 200
const BODY_MAX = 20_000
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const templateForm = z.object({
  title: z.string().max(50_000).default(''),
  body: z.string().max(50_000).default(''),
})

async function renderPage(c: Context<AppEnv>, edit?: TemplateEditState, notice?: string) {
  const db = c.get('services').db
  const templates = []
  for (const kind of KINDS) {
    const current = await currentTemplate(db, kind)
    if (current) templates.push(current)
  }
  return c.render(
    <ConsentTemplatesPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      templates={templates}
      edit={edit}
      notice={notice}
    />,
    { title: c.get('i18n').t('patients.templates.title') },
  )
}

/**
 * The owner edits the consent texts. Owner-only (admin.staff, office zone): the wording is the
 * clinic's legal document as data operator (152-ФЗ ст.9), a decision for the person who
 * answers for it, not for the front desk that records signatures on it. Every save is a new
 * version; signed consents keep pointing at the version they were given on.
 */
export function consentTemplateRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/admin/consent-templates', allow('admin.staff'), async (c) => {
    const { t } = c.get('i18n')
    const saved = Number(c.req.query('saved'))
    const notice =
      Number.isInteger(saved) && saved > 0
        ? t('patients.templates.saved', { version: saved })
        : c.req.query('unchanged')
          ? t('patients.templates.unchanged')
          : undefined
    return renderPage(c, undefined, notice)
  })

  app.post('/admin/consent-templates/:kind', allow('admin.staff'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const kind = c.req.param('kind') as TemplateKind
    if (!KINDS.includes(kind)) throw notFound()
    const input = await form(c, templateForm)
    const title = input.title.trim()
    const body = input.body.replace(/\r\n/g, '\n').trim()
    const errors: TemplateEditState['errors'] = {}
    const check = (value: string, max: number) =>
      !value
        ? t('patients.error.required')
        : [...value].length > max
          ? t('patients.error.too_long', { max })
          : CONTROL.test(value)
            ? t('patients.error.control')
            : undefined
    errors.title = check(title, TITLE_MAX)
    errors.body = check(body, BODY_MAX)
    if (errors.title || errors.body) {
      c.status(422)
      return renderPage(c, { kind, title: input.title, body: input.body, errors })
    }
    const current = await currentTemplate(s.db, kind)
    if (current && current.title === title && current.body === body) {
      return c.redirect('/admin/consent-templates?unchanged=1', 303)
    }
    const version = await s.db.transaction().execute(async (trx) => {
      const version = await insertTemplate(trx, {
        kind,
        title,
        body,
        created_at: s.now().toISOString(),
        created_by: c.get('session')!.staffId,
      })
      await recordAudit(
        trx,
        s.keys.audit,
        auditActor(c),
        { action: 'consent_template.create', category: 'consents', details: { kind, version } },
        s.now(),
      )
      return version
    })
    return c.redirect(`/admin/consent-templates?saved=${version}`, 303)
  })

  return app
}
