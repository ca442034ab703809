import {
  MOBILITY_DEGREES,
  SURFACE_MARKS,
  SURFACES,
  TOOTH_CODES,
  type ToothMarks,
} from '../../server/chart/tooth-codes.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { surfaceKey } from './describe.js'

export const CHART_SECTION_ID = 'chart-section'

export interface ToothEditorProps {
  i18n: I18n
  csrfToken: string
  patientId: number
  tooth: number
  /** The row the editor starts from (0: never marked), so a concurrent mark is a conflict. */
  base: number
  values: ToothMarks
  error?: string
}

/**
 * One tooth's editor: state codes, a mark per surface, mobility, a note. A plain form; with
 * htmx it posts and swaps the whole chart section (grid, drafts, КПУ) with the result.
 */
export function ToothEditor(props: ToothEditorProps) {
  const { t } = props.i18n
  const v = props.values
  const action = `/patients/${props.patientId}/chart/teeth/${props.tooth}`
  const headingId = `tooth-${props.tooth}-heading`
  return (
    <section class="tooth-editor-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('chart.editor.title', { n: props.tooth })}</h2>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <form
        method="post"
        action={action}
        hx-post={action}
        hx-target={`#${CHART_SECTION_ID}`}
        hx-swap="outerHTML"
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="base" value={String(props.base)} />
        <fieldset class="tooth-codes-choice">
          <legend>{t('chart.editor.states')}</legend>
          {TOOTH_CODES.map((c) => (
            <label class="choice">
              <input type="checkbox" name="code" value={c} checked={v.codes.includes(c)} />{' '}
              <abbr title={t(`chart.code.${c}`)}>{t(`chart.short.${c}`)}</abbr> —{' '}
              {t(`chart.code.${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('chart.editor.surfaces')}</legend>
          {SURFACES.map((s) => {
            const key = surfaceKey(props.tooth, s)
            const id = `surface-${s}`
            return (
              <div class="field surface-field">
                <label for={id}>
                  {t(`chart.surface.${key}`)} ({t(`chart.surface_short.${key}`)})
                </label>
                <select id={id} name={`surface_${s}`}>
                  <option value="">{t('chart.mark.none')}</option>
                  {SURFACE_MARKS.map((m) => (
                    <option value={m} selected={v.surfaces[s] === m}>
                      {t(`chart.mark.${m}`)}
                    </option>
                  ))}
                </select>
              </div>
            )
          })}
        </fieldset>
        <fieldset>
          <legend>{t('chart.mobility')}</legend>
          {MOBILITY_DEGREES.map((d) => (
            <label class="choice">
              <input type="radio" name="mobility" value={String(d)} checked={v.mobility === d} />{' '}
              {t(`chart.mobility.${d}`)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="tooth-note">{t('chart.note')}</label>
          <input id="tooth-note" name="note" value={v.note} maxlength={1000} />
        </div>
        <p class="hint">{t('chart.editor.hint')}</p>
        <button type="submit" class="primary">
          {t('chart.editor.save')}
        </button>{' '}
        <a href={`/patients/${props.patientId}/chart`}>{t('chart.editor.close')}</a>
      </form>
    </section>
  )
}
