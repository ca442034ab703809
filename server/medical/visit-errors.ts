import type { MessageKey } from '../i18n/messages.js'
import type { VisitProblem } from './visits.service.js'

/** How each refused step on a record answers: one table, so every route says the same. */
export const VISIT_REFUSALS: Readonly<
  Record<VisitProblem, { status: 403 | 404 | 409; key: MessageKey }>
> = {
  not_found: { status: 404, key: 'error.not_found' },
  signed: { status: 409, key: 'medical.error.signed' },
  deleted: { status: 409, key: 'medical.error.deleted' },
  conflict: { status: 409, key: 'medical.error.conflict' },
  not_draft: { status: 409, key: 'medical.error.not_draft' },
  not_signed: { status: 409, key: 'medical.error.not_signed' },
  not_doctor: { status: 403, key: 'medical.error.not_doctor' },
}
