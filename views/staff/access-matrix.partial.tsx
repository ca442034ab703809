import type { I18n } from '../../server/i18n/i18n.js'
import type { Role } from '../../server/policy/permissions.js'
import type { AccessRow, CellState } from '../../server/staff/staff-permissions.service.js'

export const ZONE_ORDER = ['reception', 'surgery', 'office'] as const

const GLYPH: Record<CellState, string> = { yes: '✓', granted: '✓+', denied: '✕', no: '—' }

/** One zone's state: a glyph for the eye, words for screen readers (the glyph is hidden). */
export function ZoneCell(props: { i18n: I18n; state: CellState }) {
  return (
    <td class={`access-${props.state}`}>
      <span aria-hidden="true">{GLYPH[props.state]}</span>
      <span class="sr-only">{props.i18n.t(`staff.cell.${props.state}`)}</span>
    </td>
  )
}

/** What the glyphs mean, shown above every matrix. */
export function MatrixLegend(props: { i18n: I18n }) {
  const { t } = props.i18n
  return (
    <p class="legend" aria-hidden="true">
      {(['yes', 'granted', 'denied', 'no'] as const).map((s) => (
        <span class={`access-${s}`}>
          {GLYPH[s]} {t(`staff.cell.${s}`)}
        </span>
      ))}
    </p>
  )
}

export interface MatrixPerson {
  id: number
  fullName: string
  role: Role
  rows: AccessRow[]
}

/**
 * Employee × permission × zone in one table: a column group per person, a column per zone,
 * a row per permission. Header cells carry scopes so a screen reader names each cell.
 */
export function AccessMatrix(props: { i18n: I18n; people: MatrixPerson[] }) {
  const { t } = props.i18n
  const permissions = props.people[0]?.rows.map((r) => r.permission) ?? []
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={t('staff.matrix.title')}>
      <table class="matrix">
        <caption class="sr-only">{t('staff.matrix.caption')}</caption>
        <colgroup />
        {props.people.map(() => (
          <colgroup span={3} class="person" />
        ))}
        <thead>
          <tr>
            <td rowspan={2} />
            {props.people.map((p) => (
              <th scope="colgroup" colspan={3}>
                <a href={`/admin/staff/${p.id}`}>{p.fullName}</a>
                <span class="muted"> {t(`role.${p.role}`)}</span>
              </th>
            ))}
          </tr>
          <tr>
            {props.people.map(() =>
              ZONE_ORDER.map((z) => (
                <th scope="col" class="zone-col">
                  <span aria-hidden="true">{t(`staff.zone_short.${z}`)}</span>
                  <span class="sr-only">{t(`zone.${z}`)}</span>
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {permissions.map((perm, i) => (
            <tr>
              <th scope="row">{t(`perm.${perm}`)}</th>
              {props.people.map((p) =>
                ZONE_ORDER.map((z) => <ZoneCell i18n={props.i18n} state={p.rows[i]!.zones[z]} />),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
