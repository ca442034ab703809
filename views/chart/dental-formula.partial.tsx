import { chartRows, type Dentition } from '../../server/chart/fdi.js'
import type { ToothMarks } from '../../server/chart/tooth-codes.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { shortMarks } from './describe.js'

/**
 * The dental formula as form 025/у prints it: tooth numbers across the midline, each jaw's
 * marks in short notation above (upper) or below (lower) its numbers.
 */
export function DentalFormula(props: {
  i18n: I18n
  dentition: Dentition
  marks: ReadonlyMap<number, ToothMarks>
}) {
  const { t } = props.i18n
  const rows = chartRows(props.dentition, new Set(props.marks.keys()))
  // Primary rows (10 teeth) sit under the middle of the permanent ones (16), as on paper.
  const pad = (teeth: number[]) =>
    teeth.length < 16 ? Array.from({ length: (16 - teeth.length) / 2 }, () => <td></td>) : []
  const cells = (teeth: number[], what: 'marks' | 'numbers') => [
    ...pad(teeth),
    ...teeth.map((n) => {
      const m = props.marks.get(n)
      return what === 'numbers' ? (
        <th scope="col">{n}</th>
      ) : (
        <td>{m ? shortMarks(props.i18n, n, m) : ''}</td>
      )
    }),
    ...pad(teeth),
  ]
  return (
    <table class="dental-formula">
      <caption>{t('chart.title')}</caption>
      <tbody>
        {rows.map((r) =>
          r.jaw === 'upper' ? (
            <>
              <tr class="formula-marks">{cells(r.teeth, 'marks')}</tr>
              <tr class="formula-numbers formula-upper">{cells(r.teeth, 'numbers')}</tr>
            </>
          ) : (
            <>
              <tr class="formula-numbers formula-lower">{cells(r.teeth, 'numbers')}</tr>
              <tr class="formula-marks">{cells(r.teeth, 'marks')}</tr>
            </>
          ),
        )}
      </tbody>
    </table>
  )
}
