// Texts for staff administration, access levels, second factor. Russian is the source; English must have every key.

export const ru = {} as const

export const en: Record<keyof typeof ru, string> = {}
