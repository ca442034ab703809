import type { I18n } from '../../server/i18n/i18n.js'
import type { Permission } from '../../server/policy/permissions.js'
import type { AccessRow, Choice } from '../../server/staff/staff-permissions.service.js'
import { CsrfField } from '../components/csrf-field.js'
import { MatrixLegend, ZONE_ORDER, ZoneCell } from './access-matrix.partial.js'

export const STAFF_ACCESS_ID = 'staff-access'

export interface StaffAccessProps {
  i18n: I18n
  csrfToken: string
  staffId: number
  /** False for one's own account: the table is shown, the choices are not offered. */
  editable: boolean
  active: boolean
  rows: AccessRow[]
  /** The submitted choices, kept when the form comes back with an error. */
  choices?: Partial<Record<Permission, Choice>>
  notice?: string
  error?: string
}

const CHOICES: Choice[] = ['role', 'grant', 'deny']
const fieldId = (p: Permission) => `perm-${p.replace(/\./g, '-')}`

/**
 * Per-employee rights: the role's default, the owner's override (keep / grant / deny) and the
 * result at each kind of terminal. Saving swaps this section in place (htmx) or reloads the page.
 */
export function StaffAccessSection(props: StaffAccessProps) {
  const { t } = props.i18n
  const table = (
    <table class="data-table access-table">
      <caption class="sr-only">{t('staff.access.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('staff.access.permission')}</th>
          <th scope="col">{t('staff.access.by_role')}</th>
          <th scope="col">{t('staff.access.override')}</th>
          {ZONE_ORDER.map((z) => (
            <th scope="col">{t(`zone.${z}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => {
          const chosen = props.choices?.[r.permission] ?? r.choice
          return (
            <tr>
              <th scope="row">
                {props.editable ? (
                  <label for={fieldId(r.permission)}>{t(`perm.${r.permission}`)}</label>
                ) : (
                  t(`perm.${r.permission}`)
                )}
              </th>
              <td>{t(r.inRole ? 'staff.access.yes' : 'staff.access.no')}</td>
              <td>
                {props.editable ? (
                  <select id={fieldId(r.permission)} name={`perm.${r.permission}`}>
                    {CHOICES.map((c) => (
                      <option value={c} selected={c === chosen}>
                        {t(`staff.choice.${c}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`staff.choice.${chosen}`)
                )}
              </td>
              {ZONE_ORDER.map((z) => (
                <ZoneCell i18n={props.i18n} state={r.zones[z]} />
              ))}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
  return (
    <section
      class="card staff-card"
      id={STAFF_ACCESS_ID}
      aria-labelledby={`${STAFF_ACCESS_ID}-title`}
    >
      <h2 id={`${STAFF_ACCESS_ID}-title`}>{t('staff.access.title')}</h2>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      {!props.active && <p class="notice">{t('staff.access.inactive')}</p>}
      {!props.editable && <p class="hint">{t('staff.access.own')}</p>}
      <MatrixLegend i18n={props.i18n} />
      {props.editable ? (
        <form
          method="post"
          action={`/admin/staff/${props.staffId}/permissions`}
          hx-post={`/admin/staff/${props.staffId}/permissions`}
          hx-target={`#${STAFF_ACCESS_ID}`}
          hx-swap="outerHTML"
        >
          <CsrfField token={props.csrfToken} />
          <div class="table-scroll">{table}</div>
          <button type="submit" class="primary">
            {t('staff.access.save')}
          </button>
        </form>
      ) : (
        <div class="table-scroll">{table}</div>
      )}
    </section>
  )
}
