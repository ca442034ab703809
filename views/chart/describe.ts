import { isAnterior, isUpper } from '../../server/chart/fdi.js'
import { SURFACES, type Surface, type ToothMarks } from '../../server/chart/tooth-codes.js'
import type { I18n } from '../../server/i18n/i18n.js'

// Words for a tooth's marks: the chart tile's aria-label, the history table and the printed
// formula all say the same thing the same way.

const ROMAN = ['', 'I', 'II', 'III']

/** The surface's name on this tooth: the incisal edge on front teeth, palatal on upper ones. */
export function surfaceKey(tooth: number, s: Surface) {
  if (s === 'O' && isAnterior(tooth)) return 'O_front' as const
  if (s === 'L' && isUpper(tooth)) return 'L_upper' as const
  return s
}

/** "кариес (медиальная, окклюзионная); пломба; подвижность II степени" or "без отметок". */
export function describeMarks(i18n: I18n, tooth: number, m: ToothMarks): string {
  const { t } = i18n
  const where = (mark: 'caries' | 'filling') => {
    const on = SURFACES.filter((s) => m.surfaces[s] === mark)
    return on.length === 0
      ? ''
      : ` (${on.map((s) => t(`chart.surface.${surfaceKey(tooth, s)}`)).join(', ')})`
  }
  // Surface marks qualify the tooth's own caries or filling code, or stand on their own.
  const parts: string[] = m.codes.map(
    (c) => t(`chart.code.${c}`) + (c === 'caries' || c === 'filling' ? where(c) : ''),
  )
  for (const mark of ['caries', 'filling'] as const) {
    if (!m.codes.includes(mark) && where(mark)) parts.push(t(`chart.mark.${mark}`) + where(mark))
  }
  if (m.mobility > 0)
    parts.push(`${t('chart.mobility')} ${t(`chart.mobility.${m.mobility as 1 | 2 | 3}`)}`)
  if (m.note.trim() !== '') parts.push(m.note.trim())
  return parts.length === 0 ? t('chart.intact') : parts.join('; ')
}

/** The short chart notation: "П С(М,Ж) II". */
export function shortMarks(i18n: I18n, tooth: number, m: ToothMarks): string {
  const { t } = i18n
  const where = (mark: 'caries' | 'filling') => {
    const on = SURFACES.filter((s) => m.surfaces[s] === mark)
    return on.length === 0
      ? ''
      : `(${on.map((s) => t(`chart.surface_short.${surfaceKey(tooth, s)}`)).join(',')})`
  }
  const parts: string[] = m.codes.map(
    (c) => t(`chart.short.${c}`) + (c === 'caries' || c === 'filling' ? where(c) : ''),
  )
  for (const mark of ['caries', 'filling'] as const) {
    if (!m.codes.includes(mark) && where(mark)) parts.push(t(`chart.short.${mark}`) + where(mark))
  }
  if (m.mobility > 0) parts.push(ROMAN[m.mobility]!)
  return parts.join(' ')
}
