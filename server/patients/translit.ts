// Latin typed by mistake in the search box: a transliteration ("ivanov" → "иванов") or the
// right keys on the wrong keyboard layout ("bdfyjd" → "иванов"). Both are guesses; the
// search tries them after the text as typed.

// Longest first, so "shch" wins over "sh" and "ch".
const TRANSLIT: readonly [string, string][] = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['tz', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yu', 'ю'],
  ['iu', 'ю'],
  ['ya', 'я'],
  ['ia', 'я'],
  ['yo', 'е'],
  ['ye', 'е'],
  ['iy', 'ий'],
  ['yy', 'ый'],
  ['ey', 'ей'],
  ['ay', 'ай'],
  ['oy', 'ой'],
  ['uy', 'уй'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'к'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['y', 'ы'],
  ['z', 'з'],
]

/** "ivanov" → "иванов", "aleksey" → "алексей"; characters that are not Latin stay. */
export function transliterate(value: string): string {
  const s = value.toLowerCase()
  let out = ''
  let i = 0
  outer: while (i < s.length) {
    for (const [latin, cyr] of TRANSLIT) {
      // "ay" is "ай" in "nikolay" but "а" + "я" in "iskomaya".
      const glide = latin.length === 2 && latin.endsWith('y') && /[aeiouy]/.test(s[i + 2] ?? '')
      if (s.startsWith(latin, i) && !glide) {
        out += cyr
        i += latin.length
        continue outer
      }
    }
    out += s[i]
    i++
  }
  return out
}

const QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
const JCUKEN = 'йцукенгшщзхъфывапролджэячсмитьбюё'

/** The ЙЦУКЕН letters on the same keys: "bdfyjd" → "иванов", "gtnhjd" → "петров". */
export function fromLatinLayout(value: string): string {
  let out = ''
  for (const ch of value.toLowerCase()) {
    const at = QWERTY.indexOf(ch)
    out += at >= 0 ? JCUKEN[at] : ch
  }
  return out
}

export function hasLatin(value: string): boolean {
  return /[a-z]/i.test(value)
}
