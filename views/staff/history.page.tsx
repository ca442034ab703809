import type { I18n } from '../../server/i18n/i18n.js'
import { StaffNav } from './staff-nav.js'

type Details = Record<string, string | number | boolean | null>

export interface HistoryRow {
  id: number
  at: string
  action: string
  actorName: string | null
  subjectName: string | null
  details: Details
}

const ACTION_LABELS = {
  'staff.create': 'staff.history.action.create',
  'staff.role_change': 'staff.history.action.role_change',
  'staff.permissions_change': 'staff.history.action.permissions_change',
  'staff.deactivate': 'staff.history.action.deactivate',
  'staff.reactivate': 'staff.history.action.reactivate',
  'staff.password_reset': 'staff.history.action.password_reset',
  'staff.totp_enable': 'staff.history.action.totp_enable',
  'staff.totp_disable': 'staff.history.action.totp_disable',
  'settings.change': 'staff.history.action.settings_change',
} as const
const actionLabel = (i18n: I18n, action: string) =>
  action in ACTION_LABELS ? i18n.t(ACTION_LABELS[action as keyof typeof ACTION_LABELS]) : action

const ROLES = ['owner', 'doctor', 'assistant', 'receptionist'] as const
const isRole = (v: unknown): v is (typeof ROLES)[number] => ROLES.includes(v as never)

/** "old → new" in words the owner reads; raw permission codes stay codes (they are the names). */
function Change(props: { i18n: I18n; action: string; d: Details }) {
  const { t } = props.i18n
  const { d } = props
  const role = (v: unknown) => (isRole(v) ? t(`role.${v}`) : '—')
  const status = (v: unknown) => t(v === 'active' ? 'staff.status.active' : 'staff.status.inactive')
  const onOff = (v: unknown) => t(v === 'on' ? 'staff.totp.on' : 'staff.totp.off')
  const codes = (v: unknown) => (v ? <code>{String(v)}</code> : '—')
  const pair = (a: unknown, b: unknown) => (
    <>
      {a} <span aria-hidden="true">→</span>
      <span class="sr-only">{t('staff.history.to')}</span> {b}
    </>
  )
  switch (props.action) {
    case 'staff.create':
      return pair('—', role(d.role))
    case 'staff.role_change':
      return pair(role(d.old), role(d.new))
    case 'staff.permissions_change':
      return pair(codes(d.old), codes(d.new))
    case 'staff.deactivate':
    case 'staff.reactivate':
      return pair(status(d.old), status(d.new))
    case 'staff.totp_enable':
    case 'staff.totp_disable':
      return pair(onOff(d.old), onOff(d.new))
    case 'staff.password_reset':
      return <>{t('staff.history.new_password')}</>
    case 'settings.change': {
      const visibility = d.setting === 'medical_visibility'
      const value = (v: unknown) =>
        visibility
          ? t(v === 'own' ? 'settings.visibility.own' : 'settings.visibility.all')
          : t(v === '1' ? 'settings.totp.on' : 'settings.totp.off')
      return (
        <>
          {t(visibility ? 'settings.visibility.label' : 'settings.totp.label')}:{' '}
          {pair(value(d.old), value(d.new))}
        </>
      )
    }
    default:
      return <>—</>
  }
}

/** Who changed whose rights, when, and from what to what (checklist 20). */
export function HistoryPage(props: { i18n: I18n; rows: HistoryRow[]; olderHref?: string }) {
  const { t } = props.i18n
  return (
    <>
      <h1>{t('staff.history.title')}</h1>
      <StaffNav i18n={props.i18n} current="history" />
      <section class="card staff-card">
        {props.rows.length === 0 ? (
          <p>{t('staff.history.empty')}</p>
        ) : (
          <table class="data-table">
            <caption class="sr-only">{t('staff.history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.history.when')}</th>
                <th scope="col">{t('staff.history.who')}</th>
                <th scope="col">{t('staff.history.whom')}</th>
                <th scope="col">{t('staff.history.what')}</th>
                <th scope="col">{t('staff.history.change')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{props.i18n.dateTime(r.at)}</td>
                  <td>{r.actorName ?? t('staff.history.system')}</td>
                  <td>{r.subjectName ?? '—'}</td>
                  <td>{actionLabel(props.i18n, r.action)}</td>
                  <td>
                    <Change i18n={props.i18n} action={r.action} d={r.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {props.olderHref && (
          <p>
            <a href={props.olderHref}>{t('staff.history.older')}</a>
          </p>
        )}
      </section>
    </>
  )
}
