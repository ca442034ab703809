import type { Kysely, Transaction } from 'kysely'
import type { AuditEventsTable } from './audit/audit.table.js'
import type { LoginFailuresTable, SessionsTable } from './auth/auth.table.js'
import type { BackupRunsTable } from './backups/backups.table.js'
import type {
  DoctorPayRulesTable,
  PaymentsTable,
  VisitServicesTable,
} from './billing/billing.table.js'
import type { FilesTable } from './files/files.table.js'
import type { DevicesTable } from './devices/devices.table.js'
import type { EnrollmentsTable } from './enrollment/enrollment.table.js'
import type { MedicalFilesTable } from './medical-files/medical-files.table.js'
import type {
  MedicalCardRevisionsTable,
  MedicalEntriesTable,
  VisitTemplatesTable,
} from './medical/medical.table.js'
import type { ToothStatesTable } from './chart/chart.table.js'
import type {
  IdsTemplatesTable,
  PlanConsentsTable,
  PlanItemsTable,
  PlanStagesTable,
  PlanStatusChangesTable,
  TreatmentPlansTable,
} from './plans/plans.table.js'
import type {
  PriceGroupsTable,
  PriceItemPricesTable,
  PriceItemsTable,
} from './prices/prices.table.js'
import type {
  ConsentsTable,
  ConsentTemplatesTable,
  PatientDocumentsTable,
  PatientNotesTable,
  PatientsTable,
} from './patients/patients.table.js'
import type { BreakGlassTable, StaffPermissionsTable } from './policy/policy.table.js'
import type {
  AppointmentStatusChangesTable,
  AppointmentsTable,
  ChairsTable,
  DaysOffTable,
  ScheduleVersionsTable,
  ViewVersionsTable,
  WorkingHoursTable,
} from './schedule/schedule.table.js'
import type { SettingsTable } from './settings/settings.table.js'
import type { StaffTable } from './staff/staff.table.js'
import type {
  MaterialsTable,
  StockMovementsTable,
  StocktakeLinesTable,
  StocktakesTable,
  SuppliersTable,
  TechCardLinesTable,
} from './stock/stock.table.js'

/** Every table, aggregated from the features' *.table.ts files. */
export interface Database {
  staff: StaffTable
  devices: DevicesTable
  sessions: SessionsTable
  login_failures: LoginFailuresTable
  audit_events: AuditEventsTable
  settings: SettingsTable
  staff_permissions: StaffPermissionsTable
  break_glass: BreakGlassTable
  enrollments: EnrollmentsTable
  backup_runs: BackupRunsTable
  patients: PatientsTable
  patient_notes: PatientNotesTable
  patient_documents: PatientDocumentsTable
  consent_templates: ConsentTemplatesTable
  consents: ConsentsTable
  files: FilesTable
  chairs: ChairsTable
  working_hours: WorkingHoursTable
  days_off: DaysOffTable
  appointments: AppointmentsTable
  appointment_status_changes: AppointmentStatusChangesTable
  schedule_versions: ScheduleVersionsTable
  view_versions: ViewVersionsTable
  price_groups: PriceGroupsTable
  price_items: PriceItemsTable
  price_item_prices: PriceItemPricesTable
  treatment_plans: TreatmentPlansTable
  plan_stages: PlanStagesTable
  plan_items: PlanItemsTable
  plan_status_changes: PlanStatusChangesTable
  ids_templates: IdsTemplatesTable
  plan_consents: PlanConsentsTable
  medical_files: MedicalFilesTable
  medical_entries: MedicalEntriesTable
  medical_card_revisions: MedicalCardRevisionsTable
  visit_templates: VisitTemplatesTable
  tooth_states: ToothStatesTable
  visit_services: VisitServicesTable
  payments: PaymentsTable
  doctor_pay_rules: DoctorPayRulesTable
  materials: MaterialsTable
  suppliers: SuppliersTable
  stock_movements: StockMovementsTable
  stocktakes: StocktakesTable
  stocktake_lines: StocktakeLinesTable
  tech_card_lines: TechCardLinesTable
}

export type Db = Kysely<Database>
export type DbOrTrx = Kysely<Database> | Transaction<Database>
