// Texts for payments, balances, statements and doctors' pay. Russian is the source; English must have every key.

export const ru = {
  'nav.billing': 'Касса',
} as const

export const en: Record<keyof typeof ru, string> = {
  'nav.billing': 'Payments',
}
