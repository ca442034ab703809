// Texts for the owner's analytics. Russian is the source; English must have every key.

export const ru = {
  'nav.analytics': 'Аналитика',
} as const

export const en: Record<keyof typeof ru, string> = {
  'nav.analytics': 'Analytics',
}
