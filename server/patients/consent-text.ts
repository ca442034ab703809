// Filling a consent template for printing. The output is plain text rendered through JSX
// (escaped); only the known placeholders are replaced, anything else in braces stays as typed.

export const PLACEHOLDERS = [
  'patient',
  'birth_date',
  'document',
  'address',
  'representative',
  'clinic',
  'date',
] as const

export type Placeholder = (typeof PLACEHOLDERS)[number]

export function fillTemplate(body: string, values: Record<Placeholder, string>): string {
  return body.replace(/\{(\w+)\}/g, (m, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : m,
  )
}

/** Paragraphs split on blank lines, lines kept. */
export function paragraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n'))
    .filter((p) => p.some((line) => line.trim() !== ''))
}
