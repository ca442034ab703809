import { Hono } from 'hono'
import { IcdOptions } from '../../views/medical/icd-options.partial.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { cardRoutes } from './card.routes.js'
import { normalizeIcd10, searchIcd10 } from './icd10.js'
import { templateRoutes } from './templates.routes.js'
import { formBody, readChoice } from './text-input.js'
import { visitActionRoutes } from './visit-actions.routes.js'
import { visitRoutes } from './visits.routes.js'

/**
 * The medical card (form 025/у): every route needs a medical.* permission, which the zone
 * ceiling never grants at the reception desk (DESIGN.md §1), and every route about a patient
 * passes openMedical (visibility, break-glass) and leaves exactly one audit event.
 */
export function medicalRoutes() {
  const app = new Hono<AppEnv>()

  // --- the card, its title page, printing ---
  app.route('/', cardRoutes())
  // --- visit records: new, drafts, the form helpers (static paths before :visitId) ---
  app.route('/', visitRoutes())
  // --- signing, corrections, deletion, history, printing of one record ---
  app.route('/', visitActionRoutes())
  // --- a doctor's templates ---
  app.route('/', templateRoutes())

  // --- the K-code picker: the classification itself, no patient data (so no audit event) ---
  app.post('/medical/icd10', allow('medical.write'), async (c) => {
    const body = await formBody(c)
    const query = readChoice(body, 'icd_q')
    return c.html(
      <IcdOptions
        i18n={c.get('i18n')}
        selected={normalizeIcd10(readChoice(body, 'diagnosis_code'))}
        found={searchIcd10(query)}
        query={query}
      />,
    )
  })

  return app
}
