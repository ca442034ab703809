import { isPrimary, isUpper } from '../../server/chart/fdi.js'
import { SURFACES, type Surface, type ToothMarks } from '../../server/chart/tooth-codes.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { describeMarks } from './describe.js'

export const TOOTH_EDITOR_ID = 'tooth-editor'

// Where each surface sits on the little cross of a tile, as the doctor faces the patient:
// vestibular towards the lips, mesial towards the midline (the middle of the chart).
function position(tooth: number, s: Surface): string {
  const q = Math.floor(tooth / 10)
  const rightSide = q === 1 || q === 4 || q === 5 || q === 8
  switch (s) {
    case 'V':
      return isUpper(tooth) ? 'top' : 'bottom'
    case 'L':
      return isUpper(tooth) ? 'bottom' : 'top'
    case 'M':
      return rightSide ? 'right' : 'left'
    case 'D':
      return rightSide ? 'left' : 'right'
    default:
      return 'center'
  }
}

/**
 * One tooth: its number, the marks in short notation and a five-surface cross. At the chair
 * it is a link that opens the tooth's editor (htmx into the side panel; a page without JS);
 * its accessible name says the whole state in words.
 */
export function ToothTile(props: {
  i18n: I18n
  tooth: number
  marks?: ToothMarks
  draft: boolean
  href?: string
}) {
  const { t } = props.i18n
  const m = props.marks
  const absent = m?.codes.some((c) => c === 'missing' || c === 'implant' || c === 'artificial')
  const cls = [
    'tooth',
    isPrimary(props.tooth) ? 'tooth-primary' : '',
    absent ? 'tooth-absent' : '',
    props.draft ? 'tooth-draft' : '',
  ]
    .filter(Boolean)
    .join(' ')
  const words = t('chart.tooth_state', {
    n: props.tooth,
    state: m ? describeMarks(props.i18n, props.tooth, m) : t('chart.intact'),
  })
  const inner = (
    <>
      <span class="visually-hidden">
        {words}
        {props.draft ? ` (${t('chart.draft')})` : ''}
      </span>
      <span class="tooth-number" aria-hidden="true">
        {props.tooth}
      </span>
      <span class="tooth-surfaces" aria-hidden="true">
        {SURFACES.map((s) => (
          <span
            class={`surface pos-${position(props.tooth, s)} mark-${m?.surfaces[s] ?? 'none'}`}
          ></span>
        ))}
      </span>
      <span class="tooth-codes" aria-hidden="true">
        {(m?.codes ?? []).map((c) => t(`chart.short.${c}`)).join(' ')}
        {m && m.mobility > 0 ? ` ${['', 'I', 'II', 'III'][m.mobility]}` : ''}
      </span>
    </>
  )
  if (!props.href) return <span class={cls}>{inner}</span>
  return (
    <a
      class={cls}
      href={props.href}
      hx-get={props.href}
      hx-target={`#${TOOTH_EDITOR_ID}`}
      hx-swap="innerHTML"
      data-tooth={String(props.tooth)}
    >
      {inner}
    </a>
  )
}
