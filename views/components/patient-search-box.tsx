import type { I18n } from '../../server/i18n/i18n.js'

/** The id of the box's result list, the htmx target of its requests. */
export const SEARCH_BOX_RESULTS_ID = 'patient-search-results'

/**
 * The search box in the top bar. The query goes by POST (DESIGN.md §5), never in a URL; with
 * htmx the results drop down as one types, without it the form opens the results page.
 */
export function PatientSearchBox(props: { i18n: I18n; csrfToken: string }) {
  const { t } = props.i18n
  return (
    <form
      class="patient-search"
      role="search"
      aria-label={t('patients.search.label')}
      method="post"
      action="/patients/search"
    >
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <label for="patient-search-q" class="visually-hidden">
        {t('patients.search.label')}
      </label>
      <input
        id="patient-search-q"
        type="search"
        name="q"
        autocomplete="off"
        spellcheck={false}
        maxlength={200}
        placeholder={t('patients.search.placeholder')}
        hx-post="/patients/search"
        hx-trigger="input changed delay:250ms, search"
        hx-target={`#${SEARCH_BOX_RESULTS_ID}`}
        hx-sync="this:replace"
      />
      <button type="submit">{t('patients.search.submit')}</button>
      <div id={SEARCH_BOX_RESULTS_ID} class="search-dropdown" aria-live="polite"></div>
    </form>
  )
}
