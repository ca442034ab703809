import type { I18n } from '../../server/i18n/i18n.js'
import type { PatientHit } from '../../server/patients/patients.search.js'
import { CsrfField } from '../components/csrf-field.js'
import { SearchResults } from './search-results.partial.js'

export const PAGE_RESULTS_ID = 'patients-page-results'

export interface PatientsPageProps {
  i18n: I18n
  csrfToken: string
  query: string
  hits: PatientHit[]
  links: { create: boolean; marketing: boolean; templates: boolean }
}

/** The registry's start page and the no-JS search results page. */
export function PatientsPage(props: PatientsPageProps) {
  const { t } = props.i18n
  return (
    <section class="card">
      <h1>{t('patients.title')}</h1>
      {props.links.create && (
        <p>
          <a class="button primary" href="/patients/new">
            {t('patients.new')}
          </a>
        </p>
      )}
      <form
        method="post"
        action="/patients/search"
        role="search"
        aria-label={t('patients.search.title')}
        class="page-search"
      >
        <CsrfField token={props.csrfToken} />
        <div class="field">
          <label for="patients-q">{t('patients.search.label')}</label>
          <input
            id="patients-q"
            type="search"
            name="q"
            value={props.query}
            autocomplete="off"
            maxlength={200}
            hx-post="/patients/search"
            hx-trigger="input changed delay:250ms, search"
            hx-target={`#${PAGE_RESULTS_ID}`}
            hx-sync="this:replace"
          />
        </div>
        <button type="submit">{t('patients.search.submit')}</button>
      </form>
      <div id={PAGE_RESULTS_ID} aria-live="polite">
        <SearchResults i18n={props.i18n} hits={props.hits} query={props.query} />
      </div>
      {(props.links.marketing || props.links.templates) && (
        <ul class="plain-links">
          {props.links.marketing && (
            <li>
              <a href="/marketing/birthdays?days=7">{t('patients.links.marketing_birthdays')}</a>
            </li>
          )}
          {props.links.marketing && (
            <li>
              <a href="/marketing/lapsed">{t('patients.links.marketing_lapsed')}</a>
            </li>
          )}
          {props.links.templates && (
            <li>
              <a href="/admin/consent-templates">{t('patients.links.templates')}</a>
            </li>
          )}
        </ul>
      )}
    </section>
  )
}
