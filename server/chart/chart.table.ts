import type { Generated, Insertable, Selectable } from 'kysely'

/**
 * One observation of one tooth (FDI number): its whole state at that moment. Append-only:
 * the chart at any past date is the latest row per tooth created before it.
 */
export interface ToothStatesTable {
  id: Generated<number>
  patient_id: number
  tooth: number
  supersedes_id: number | null
  status: 'draft' | 'signed'
  /** Space-separated state codes (tooth-codes.ts), e.g. "filling caries". */
  codes: string
  /** Space-separated surface marks, e.g. "M:caries O:filling". */
  surfaces: string
  /** 0 = none, 1–3 = degree I–III. */
  mobility: number
  note: string
  author_id: number
  author_role: string
  device_id: number
  created_at: string
  signed_by: number | null
  signed_at: string | null
}

export type ToothState = Selectable<ToothStatesTable>
export type NewToothState = Insertable<ToothStatesTable>
