import { Hono } from 'hono'
import { z } from 'zod'
import { PatientsPage } from '../../views/patients/patients.page.js'
import { SearchResults } from '../../views/patients/search-results.partial.js'
import { allow, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { isHtmx } from '../http/render.js'
import { searchPatients } from './patients.search.js'

// Longer than the box allows, so form() keeps a pasted query instead of dropping it;
// parseSearchQuery cuts it to the length it uses.
const searchForm = z.object({ q: z.string().max(10_000).default('') })

/**
 * The registry's page and the search box. The query travels only in POST bodies (DESIGN.md
 * §5, checklist 30): never in a URL, the history or the access log. Searches are not audited
 * one by one (they fire as one types); opening a card is.
 */
export function patientSearchRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients', allow('patients.contacts.read'), async (c) =>
    c.render(
      <PatientsPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        query=""
        hits={[]}
        links={{
          create: await can(c, 'patients.contacts.write'),
          marketing: await can(c, 'marketing.lists'),
          templates: await can(c, 'admin.staff'),
        }}
      />,
      { title: c.get('i18n').t('patients.title') },
    ),
  )

  app.post('/patients/search', allow('patients.contacts.read'), async (c) => {
    const { q } = await form(c, searchForm)
    const hits = await searchPatients(c.get('services').db, q)
    if (isHtmx(c)) return c.html(<SearchResults i18n={c.get('i18n')} hits={hits} query={q} />)
    return c.render(
      <PatientsPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        query={q}
        hits={hits}
        links={{
          create: await can(c, 'patients.contacts.write'),
          marketing: false,
          templates: false,
        }}
      />,
      { title: c.get('i18n').t('patients.search.title') },
    )
  })

  return app
}
