import { chartRows, type Dentition } from '../../server/chart/fdi.js'
import type { KpuResult } from '../../server/chart/kpu.js'
import type { ToothMarks } from '../../server/chart/tooth-codes.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { CHART_SECTION_ID, ToothEditor, type ToothEditorProps } from './tooth-editor.partial.js'
import { ToothTile, TOOTH_EDITOR_ID } from './tooth-tile.js'

export interface ChartSectionProps {
  i18n: I18n
  csrfToken: string
  patientId: number
  dentition: Dentition
  marks: ReadonlyMap<number, ToothMarks>
  /** Teeth whose shown state is an unsigned draft, with the draft rows' ids. */
  drafts: { id: number; tooth: number }[]
  kpu: KpuResult
  /** A past date is read-only; so is a chart for someone without medical.write. */
  editable: boolean
  canSign: boolean
  editor?: Omit<ToothEditorProps, 'i18n' | 'csrfToken' | 'patientId'>
}

const JAW_LABEL = {
  'upper-false': 'chart.upper',
  'lower-false': 'chart.lower',
  'upper-true': 'chart.upper_primary',
  'lower-true': 'chart.lower_primary',
} as const

/** The grid of teeth, the open tooth's editor, the unsigned marks and the КПУ index. */
export function ChartSection(props: ChartSectionProps) {
  const { t } = props.i18n
  const draftTeeth = new Set(props.drafts.map((d) => d.tooth))
  const rows = chartRows(props.dentition, new Set(props.marks.keys()))
  return (
    <section id={CHART_SECTION_ID} class="chart-section">
      <div class="chart-grid">
        {rows.map((r) => (
          <div
            class={`jaw jaw-${r.jaw}${r.primary ? ' jaw-primary' : ''}`}
            role="group"
            aria-label={t(JAW_LABEL[`${r.jaw}-${r.primary}`])}
          >
            {r.teeth.map((n) => (
              <ToothTile
                i18n={props.i18n}
                tooth={n}
                marks={props.marks.get(n)}
                draft={draftTeeth.has(n)}
                href={props.editable ? `/patients/${props.patientId}/chart/teeth/${n}` : undefined}
              />
            ))}
          </div>
        ))}
      </div>
      <div id={TOOTH_EDITOR_ID} aria-live="polite">
        {props.editor && (
          <ToothEditor
            i18n={props.i18n}
            csrfToken={props.csrfToken}
            patientId={props.patientId}
            {...props.editor}
          />
        )}
      </div>
      {props.drafts.length > 0 && (
        <div class="chart-drafts notice">
          <h2>{t('chart.drafts')}</h2>
          <p>{t('chart.drafts_list', { teeth: props.drafts.map((d) => d.tooth).join(', ') })}</p>
          {props.canSign && props.editable && (
            <form method="post" action={`/patients/${props.patientId}/chart/sign`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="drafts" value={props.drafts.map((d) => d.id).join(',')} />
              <button type="submit" class="primary">
                {t('chart.sign')}
              </button>
            </form>
          )}
        </div>
      )}
      <h2>{t('chart.kpu')}</h2>
      <dl class="facts kpu">
        <dt>{t('chart.kpu.teeth')}</dt>
        <dd data-testid="kpu-teeth">{t('chart.kpu.value', { ...props.kpu.teeth })}</dd>
        <dt>{t('chart.kpu.surfaces')}</dt>
        <dd data-testid="kpu-surfaces">{t('chart.kpu.value', { ...props.kpu.surfaces })}</dd>
        <dt>{t('chart.kpu.primary')}</dt>
        <dd data-testid="kpu-primary">{t('chart.kpu.primary_value', { ...props.kpu.primary })}</dd>
      </dl>
    </section>
  )
}
