import type { I18n } from '../../server/i18n/i18n.js'
import type { Role } from '../../server/policy/permissions.js'
import { StaffAddForm, type StaffAddProps } from './staff-add.partial.js'
import { StaffNav } from './staff-nav.js'

export interface StaffListItem {
  id: number
  login: string
  fullName: string
  role: Role
  active: boolean
  totp: boolean
  lastLoginAt: string | null
}

export interface StaffListProps {
  i18n: I18n
  staff: StaffListItem[]
  settings: { medicalVisibility: 'all' | 'own'; requireTotpForAdmin: boolean }
  add: Omit<StaffAddProps, 'i18n'>
}

/** The owner's staff page: everyone at a glance, the clinic's access options, a new account. */
export function StaffListPage(props: StaffListProps) {
  const { t } = props.i18n
  return (
    <>
      <h1>{t('staff.title')}</h1>
      <StaffNav i18n={props.i18n} current="list" />
      <section class="card staff-card">
        <table class="data-table">
          <caption class="sr-only">{t('staff.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.field.full_name')}</th>
              <th scope="col">{t('staff.field.login')}</th>
              <th scope="col">{t('staff.field.role')}</th>
              <th scope="col">{t('staff.field.status')}</th>
              <th scope="col">{t('staff.field.totp')}</th>
              <th scope="col">{t('staff.field.last_login')}</th>
            </tr>
          </thead>
          <tbody>
            {props.staff.map((s) => (
              <tr class={s.active ? undefined : 'inactive'}>
                <th scope="row">
                  <a href={`/admin/staff/${s.id}`}>{s.fullName}</a>
                </th>
                <td>{s.login}</td>
                <td>{t(`role.${s.role}`)}</td>
                <td>{t(s.active ? 'staff.status.active' : 'staff.status.inactive')}</td>
                <td>{t(s.totp ? 'staff.totp.on' : 'staff.totp.off')}</td>
                <td>{s.lastLoginAt ? props.i18n.dateTime(s.lastLoginAt) : t('staff.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card staff-card" aria-labelledby="clinic-settings-summary">
        <h2 id="clinic-settings-summary">{t('settings.title')}</h2>
        <dl class="facts">
          <dt>{t('settings.visibility.label')}</dt>
          <dd>{t(`settings.visibility.${props.settings.medicalVisibility}`)}</dd>
          <dt>{t('settings.totp.label')}</dt>
          <dd>
            {t(props.settings.requireTotpForAdmin ? 'settings.totp.on' : 'settings.totp.off')}
          </dd>
        </dl>
        <a href="/admin/settings">{t('settings.change')}</a>
      </section>
      <StaffAddForm i18n={props.i18n} {...props.add} />
    </>
  )
}
