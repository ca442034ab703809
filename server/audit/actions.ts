import type { MessageKey, Translate } from '../i18n/i18n.js'
import type { AuditOutcome } from './audit.table.js'

// The readable names of audit actions. A feature that records a new action adds it here (and
// its texts to catalogue/audit.ts); an action missing here still shows, as its raw code.
// Keys are `action` or `action:outcome` when the outcome changes the meaning
// ("auth.login:failed" is a failed sign-in, not a sign-in).
const LABELS = {
  'auth.login': 'audit.action.auth_login',
  'auth.login:failed': 'audit.action.auth_login_failed',
  'auth.login:denied': 'audit.action.auth_login_denied',
  'auth.logout': 'audit.action.auth_logout',
  'auth.totp': 'audit.action.auth_totp',
  'auth.totp:failed': 'audit.action.auth_totp_failed',
  'session.lock': 'audit.action.session_lock',
  'session.unlock': 'audit.action.session_unlock',
  'session.unlock:failed': 'audit.action.session_unlock_failed',
  'session.expire': 'audit.action.session_expire',
  'session.refused': 'audit.action.session_refused',
  'access.denied': 'audit.action.access_denied',
  'staff.create': 'audit.action.staff_create',
  'staff.password_change': 'audit.action.staff_password_change',
  'staff.password_change:failed': 'audit.action.staff_password_change_failed',
  'staff.password_reset': 'audit.action.staff_password_reset',
  'staff.update': 'audit.action.staff_update',
  'staff.role_change': 'audit.action.staff_role_change',
  'staff.permissions_change': 'audit.action.staff_permissions_change',
  'staff.totp_setup': 'audit.action.staff_totp_setup',
  'staff.totp_enable': 'audit.action.staff_totp_enable',
  'staff.totp_disable': 'audit.action.staff_totp_disable',
  'settings.change': 'audit.action.settings_change',
  'device.issue': 'audit.action.device_issue',
  'device.reissue': 'audit.action.device_reissue',
  'device.rename': 'audit.action.device_rename',
  'device.revoke': 'audit.action.device_revoke',
  'device.enroll_open': 'audit.action.device_enroll_open',
  'device.enroll_close': 'audit.action.device_enroll_close',
  'device.enroll': 'audit.action.device_enroll',
  'device.enroll:failed': 'audit.action.device_enroll_failed',
  'device.enroll:denied': 'audit.action.device_enroll_failed',
  'system.init': 'audit.action.system_init',
  'medical.card.open': 'audit.action.medical_card_open',
  'audit.export': 'audit.action.audit_export',
  'audit.patient_report': 'audit.action.audit_patient_report',
  'break_glass.start': 'audit.action.break_glass_start',
  'break_glass.review': 'audit.action.break_glass_review',
  'auth.totp:denied': 'audit.action.auth_totp_denied',
  'staff.deactivate': 'audit.action.staff_deactivate',
  'staff.reactivate': 'audit.action.staff_reactivate',
  'backup.init': 'audit.action.backup_init',
  'backup.run': 'audit.action.backup_run',
  'backup.run:failed': 'audit.action.backup_run_failed',
  'backup.verify': 'audit.action.backup_verify',
  'backup.verify:failed': 'audit.action.backup_verify_failed',
  'backup.restore': 'audit.action.backup_restore',
  'backup.restore:failed': 'audit.action.backup_restore_failed',
  'consent_template.create': 'audit.action.consent_template_create',
  'ids_template.save': 'audit.action.ids_template_save',
  'patient.create': 'audit.action.patient_create',
  'patient.view': 'audit.action.patient_view',
  'patient.update': 'audit.action.patient_update',
  'patient.export': 'audit.action.patient_export',
  'patient.notes.view': 'audit.action.patient_notes_view',
  'patient.note.add': 'audit.action.patient_note_add',
  'patient.documents.view': 'audit.action.patient_documents_view',
  'patient.document.upload': 'audit.action.patient_document_upload',
  'patient.document.upload:failed': 'audit.action.patient_document_upload_failed',
  'patient.document.view': 'audit.action.patient_document_view',
  'patient.document.view:failed': 'audit.action.patient_document_view_failed',
  'patient.document.remove': 'audit.action.patient_document_remove',
  'patient.consents.view': 'audit.action.patient_consents_view',
  'patient.consent.record': 'audit.action.patient_consent_record',
  'patient.consent.withdraw': 'audit.action.patient_consent_withdraw',
  'patient.consent.print': 'audit.action.patient_consent_print',
  'patient.consent.scan.view': 'audit.action.patient_consent_scan_view',
  'patient.consent.scan.view:failed': 'audit.action.patient_consent_scan_view_failed',
  'marketing.list': 'audit.action.marketing_list',
  'plan.list': 'audit.action.plan_list',
  'plan.open': 'audit.action.plan_open',
  'plan.create': 'audit.action.plan_create',
  'plan.stage_add': 'audit.action.plan_stage_add',
  'plan.item_add': 'audit.action.plan_item_add',
  'plan.status': 'audit.action.plan_status',
  'plan.item_status': 'audit.action.plan_item_status',
  'plan.print': 'audit.action.plan_print',
  'plan.ids_print': 'audit.action.plan_ids_print',
  'plan.ids_signed': 'audit.action.plan_ids_signed',
  'price.group_create': 'audit.action.price_group_create',
  'price.create': 'audit.action.price_create',
  'price.update': 'audit.action.price_update',
  'schedule.book': 'audit.action.schedule_book',
  'schedule.move': 'audit.action.schedule_move',
  'schedule.resize': 'audit.action.schedule_resize',
  'schedule.status': 'audit.action.schedule_status',
  'schedule.print': 'audit.action.schedule_print',
  'schedule.visits.view': 'audit.action.schedule_visits_view',
  'schedule.hours.create': 'audit.action.schedule_hours_create',
  'schedule.hours.delete': 'audit.action.schedule_hours_delete',
  'schedule.day_off.create': 'audit.action.schedule_day_off_create',
  'schedule.day_off.delete': 'audit.action.schedule_day_off_delete',
  'schedule.chair.create': 'audit.action.schedule_chair_create',
  'schedule.chair.update': 'audit.action.schedule_chair_update',
  'medical.card.open:denied': 'audit.action.medical_card_open_denied',
  'medical.section.view': 'audit.action.medical_section_view',
  'medical.card.save': 'audit.action.medical_card_save',
  'medical.history.view': 'audit.action.medical_history_view',
  'medical.print': 'audit.action.medical_print',
  'medical.visit.create': 'audit.action.medical_visit_create',
  'medical.visit.save': 'audit.action.medical_visit_save',
  'medical.visit.sign': 'audit.action.medical_visit_sign',
  'medical.visit.sign:failed': 'audit.action.medical_visit_sign_failed',
  'medical.visit.correct': 'audit.action.medical_visit_correct',
  'medical.visit.delete': 'audit.action.medical_visit_delete',
  'medical.chart.view': 'audit.action.medical_chart_view',
  'medical.chart.mark': 'audit.action.medical_chart_mark',
  'medical.chart.sign': 'audit.action.medical_chart_sign',
  'medical.chart.sign:failed': 'audit.action.medical_chart_sign_failed',
  'medical_file.list': 'audit.action.medical_file_list',
  'medical_file.upload': 'audit.action.medical_file_upload',
  'medical_file.upload:failed': 'audit.action.medical_file_upload_failed',
  'medical_file.view': 'audit.action.medical_file_view',
} as const satisfies Record<string, MessageKey>

/** Action codes offered in the filter's select (outcome variants are not separate actions). */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(LABELS).filter((k) => !k.includes(':'))

function labelKey(action: string, outcome?: AuditOutcome): MessageKey | undefined {
  const labels: Record<string, MessageKey> = LABELS
  // hasOwn: an action named "constructor" must not find Object.prototype's.
  const own = (k: string) => (Object.hasOwn(labels, k) ? labels[k] : undefined)
  return (outcome && own(`${action}:${outcome}`)) || own(action)
}

/** "Открыта медицинская карта" for `medical.card.open`; the raw code for an unknown action. */
export function actionLabel(t: Translate, action: string, outcome?: AuditOutcome): string {
  const key = labelKey(action, outcome)
  return key ? t(key) : action
}

export const OUTCOMES: readonly AuditOutcome[] = ['ok', 'denied', 'failed']

/** Shared by the trail, the CSV and the patient report, so all three say the same. */
export function outcomeLabel(t: Translate, outcome: AuditOutcome): string {
  return t(`audit.outcome.${outcome}`)
}
