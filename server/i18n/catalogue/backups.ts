// Texts for backups and restore drills. Russian is the source; English must have every key.

export const ru = {} as const

export const en: Record<keyof typeof ru, string> = {}
