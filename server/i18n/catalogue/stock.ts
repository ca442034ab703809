// Texts for stock, materials and technology cards. Russian is the source; English must have every key.

export const ru = {
  'nav.stock': 'Склад',
} as const

export const en: Record<keyof typeof ru, string> = {
  'nav.stock': 'Stock',
}
