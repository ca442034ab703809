// Texts for the audit trail pages and break-glass review. Russian is the source; English must have every key.

export const ru = {} as const

export const en: Record<keyof typeof ru, string> = {}
