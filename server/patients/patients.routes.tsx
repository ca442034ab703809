import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { consentRoutes } from './consents.routes.js'
import { consentTemplateRoutes } from './consent-templates.routes.js'
import { documentRoutes } from './documents.routes.js'
import { exportRoutes } from './export.routes.js'
import { marketingRoutes } from './marketing.routes.js'
import { noteRoutes } from './notes.routes.js'
import { patientCardRoutes } from './patient-card.routes.js'
import { patientSearchRoutes } from './search.routes.js'

/**
 * The patient registry (reception): search, card, notes, consents, document scans, the
 * data-subject export and marketing lists. Fixed paths are mounted before `/patients/:id`.
 */
export function patientRoutes() {
  const app = new Hono<AppEnv>()
  // --- registry and search ---
  app.route('/', patientSearchRoutes())
  // --- the card ---
  app.route('/', patientCardRoutes())
  // --- sections of the card ---
  app.route('/', noteRoutes())
  app.route('/', consentRoutes())
  app.route('/', documentRoutes())
  app.route('/', exportRoutes())
  // --- lists and templates ---
  app.route('/', marketingRoutes())
  app.route('/', consentTemplateRoutes())
  return app
}
