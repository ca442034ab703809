import type { I18n } from '../../server/i18n/i18n.js'
import { StaffAccessSection, type StaffAccessProps } from './staff-access.partial.js'
import { StaffAccountSection, type StaffAccountProps } from './staff-account.partial.js'
import { StaffNav } from './staff-nav.js'
import { StaffProfileForm, type StaffProfileProps } from './staff-profile.partial.js'

export interface StaffEditProps {
  i18n: I18n
  fullName: string
  notice?: string
  profile: Omit<StaffProfileProps, 'i18n'>
  account: Omit<StaffAccountProps, 'i18n'>
  access: Omit<StaffAccessProps, 'i18n'>
}

/** One employee: name and role, account status, rights and where they apply. */
export function StaffEditPage(props: StaffEditProps) {
  const { t } = props.i18n
  return (
    <>
      <h1>{props.fullName}</h1>
      <StaffNav i18n={props.i18n} />
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <StaffProfileForm i18n={props.i18n} {...props.profile} />
      <StaffAccountSection i18n={props.i18n} {...props.account} />
      <StaffAccessSection i18n={props.i18n} {...props.access} />
      <p>
        <a href="/admin/staff">{t('staff.back')}</a>
      </p>
    </>
  )
}
