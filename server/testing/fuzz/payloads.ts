import fc from 'fast-check'

// What the hostile-input fuzz test throws at every field: markup that tries to leave its text
// or attribute context, htmx attributes, SQL fragments, control and bidi characters, lone
// surrogates, numbers and dates where text belongs and the reverse, and oversized values.
// Every markup payload carries MARKER, so the HTML check can tell injected markup from the
// page's own. Seven letters and a digit: a random token on the page (a CSRF token, a nonce)
// holds a three-letter marker now and then, and that was read as an injection.
// Not a test file itself; it never imports the test runner.

export const MARKER = 'zqfuzz7'

export const MARKUP = [
  `<script>${MARKER}()</script>`,
  `"><script>${MARKER}()</script>`,
  `'><img src=x onerror=${MARKER}()>`,
  `" onmouseover="${MARKER}()" x="`,
  `' autofocus onfocus='${MARKER}()`,
  `<div hx-get="/${MARKER}" hx-trigger="load">x</div>`,
  `" hx-post="/${MARKER}" hx-trigger="load`,
  `</textarea><script>${MARKER}()</script>`,
  `</script><script>${MARKER}()</script>`,
  `</title><${MARKER}>`,
  `javascript:${MARKER}()`,
  `<svg/onload=${MARKER}()>`,
  `<${MARKER} ${MARKER}=1>`,
  `<a href="javascript:${MARKER}()">x</a>`,
  `{{constructor.constructor('${MARKER}')()}}`,
  `<!--`,
  `]]><![CDATA[`,
  `<style>*{}</style><p style="x">`,
]

export const SQL = [
  "' OR 1=1 --",
  '1 OR 1=1',
  '1; DROP TABLE patients; --',
  "Robert'); DROP TABLE audit_events; --",
  '" OR ""="',
  "1' UNION SELECT password_hash FROM staff --",
  "%' --",
  '\\',
  "'",
]

export const CONTROL = [
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31m',
  'a\r\nSet-Cookie: x=1',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  '\u2066\u2069',
  '\ud800',
  'x\udfffy',
  '\uffff\ufffe',
  '𝕏😀👩‍👩‍👧',
  'Ё\u0301й',
]

export const WRONG_TYPE = [
  '',
  ' ',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '9007199254740993',
  '99999999999999999999',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '2026-11-29T25:61',
  '12:99',
  '1 000,50',
  '-100',
  'abc',
  'Иванова',
]

const oversized = fc.constantFrom(
  'Ю'.repeat(100_001),
  `${'a'.repeat(120_000)}<script>${MARKER}()</script>`,
  '9'.repeat(100_000),
)

/** One hostile value. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom(...SQL) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: oversized },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...MARKUP), fc.constantFrom(...CONTROL, ...SQL), fc.boolean())
      .map(([a, b, first]) => (first ? a + b : b + a)),
  },
)

/** What happens to one field of a form in one run. */
export type Mutation =
  | { op: 'keep' }
  | { op: 'hostile'; value: string }
  | { op: 'missing' }
  | { op: 'duplicate'; values: string[] }
  | { op: 'option'; index: number }
  | { op: 'file'; value: string }

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ op: 'keep' as const }) },
  { weight: 5, arbitrary: hostileValue.map((value) => ({ op: 'hostile' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ op: 'missing' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .array(hostileValue, { minLength: 2, maxLength: 3 })
      .map((values) => ({ op: 'duplicate' as const, values })),
  },
  { weight: 2, arbitrary: fc.nat(50).map((index) => ({ op: 'option' as const, index })) },
  { weight: 1, arbitrary: hostileValue.map((value) => ({ op: 'file' as const, value })) },
)

/** Fields the page never offered. */
export const extraFields = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom('id', 'patient_id', 'staff_id', 'role', 'admin', '__proto__', 'constructor'),
      fc.constantFrom(`x${MARKER}`, `<${MARKER}>`, 'a[b]', 'a.b', ''),
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }),
    ),
    hostileValue,
  ),
  { maxLength: 2 },
)

export interface Shape {
  mutations: Mutation[]
  extra: [string, string][]
  multipart: boolean
  htmx: boolean
}

/** One run's request shape for a form of `fields` fields. */
export function shapeOf(fields: number): fc.Arbitrary<Shape> {
  const keep: Mutation = { op: 'keep' }
  // Half the runs change one field only, so a form that stores text gets past its other
  // checks and the payload is saved (and later shown); the rest change many at once.
  const one = fc
    .tuple(fc.nat(Math.max(0, fields - 1)), hostileValue)
    .map(([at, value]) =>
      Array.from({ length: fields }, (_, i): Mutation =>
        i === at ? { op: 'hostile', value } : keep,
      ),
    )
  return fc.record({
    mutations: fields
      ? fc.oneof(one, fc.array(mutation, { minLength: fields, maxLength: fields }))
      : fc.constant([]),
    extra: extraFields,
    multipart: fc.boolean(),
    htmx: fc.boolean(),
  })
}
