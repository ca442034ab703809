import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'
import type { Icd10Code } from '../../server/medical/icd10.js'
import { IcdOptions, ICD_OPTIONS_ID } from './icd-options.partial.js'

/**
 * The diagnosis block of the editor: a search box that, as the doctor types, asks the server
 * for matching K-codes (htmx POST: the words never land in a URL) and swaps the choice list;
 * without JS, «Найти» re-renders the whole form with the matches. The diagnosis text and
 * "first established" follow as children.
 */
export function IcdPicker(props: {
  i18n: I18n
  composeAction: string
  query: string
  found: Icd10Code[]
  selected: string
  error?: string
  children?: Child
}) {
  const { t } = props.i18n
  return (
    <fieldset class="icd-picker">
      <legend>{t('medical.icd.legend')}</legend>
      <div class="field">
        <label for="icd_q">{t('medical.icd.search')}</label>
        <input
          id="icd_q"
          name="icd_q"
          type="search"
          value={props.query}
          autocomplete="off"
          aria-describedby="icd_q-hint"
          aria-controls={ICD_OPTIONS_ID}
          hx-post="/medical/icd10"
          hx-trigger="input changed delay:300ms, search"
          hx-target={`#${ICD_OPTIONS_ID}`}
          hx-swap="outerHTML"
        />
        <p class="hint" id="icd_q-hint">
          {t('medical.icd.hint')}
        </p>
        <button
          type="submit"
          name="intent"
          value="search"
          formaction={props.composeAction}
          formnovalidate
        >
          {t('medical.icd.find')}
        </button>
      </div>
      <IcdOptions
        i18n={props.i18n}
        selected={props.selected}
        found={props.found}
        query={props.query}
        error={props.error}
      />
      {props.children}
    </fieldset>
  )
}
