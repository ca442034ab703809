// A small HTML tokenizer for the hostile-input tests: it reads markup the way a browser's
// tokenizer does (quoted and unquoted attributes, comments, raw-text elements), so that a
// payload which broke out of its text or attribute shows up as a real element or attribute.
// It is not a tree builder; the tests only need tags, attributes, forms and links.
// Not a test file itself; it never imports the test runner.

export interface Token {
  type: 'start' | 'end'
  name: string
  attrs: Map<string, string>
  /** Text up to the matching end tag, for raw-text elements (script, style, textarea, title). */
  text?: string
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed'])
const SPACE = /[\t\n\f\r ]/

/** Start and end tags of `html`, in document order. Pure; never throws. */
export function tokenize(html: string): Token[] {
  const out: Token[] = []
  let i = 0
  const n = html.length
  while (i < n) {
    const lt = html.indexOf('<', i)
    if (lt < 0) break
    i = lt
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4)
      i = end < 0 ? n : end + 3
      continue
    }
    const next = html[i + 1] ?? ''
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', i)
      i = end < 0 ? n : end + 1
      continue
    }
    const closing = next === '/'
    const nameStart = closing ? i + 2 : i + 1
    if (!/[a-zA-Z]/.test(html[nameStart] ?? '')) {
      i = nameStart
      continue
    }
    let j = nameStart
    while (j < n && !SPACE.test(html[j]!) && html[j] !== '/' && html[j] !== '>') j++
    const name = html.slice(nameStart, j).toLowerCase()
    const attrs = new Map<string, string>()
    // Attributes, as the spec's "before attribute name" … "after attribute value" states do.
    while (j < n && html[j] !== '>') {
      if (SPACE.test(html[j]!) || html[j] === '/') {
        j++
        continue
      }
      let k = j + 1
      while (k < n && !SPACE.test(html[k]!) && !'/>='.includes(html[k]!)) k++
      const attr = html.slice(j, k).toLowerCase()
      j = k
      while (j < n && SPACE.test(html[j]!)) j++
      let value = ''
      if (html[j] === '=') {
        j++
        while (j < n && SPACE.test(html[j]!)) j++
        const q = html[j]
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, j + 1)
          value = html.slice(j + 1, end < 0 ? n : end)
          j = end < 0 ? n : end + 1
        } else {
          let e = j
          while (e < n && !SPACE.test(html[e]!) && html[e] !== '>') e++
          value = html.slice(j, e)
          j = e
        }
      }
      if (!closing && !attrs.has(attr)) attrs.set(attr, decodeEntities(value))
    }
    i = j + 1
    const token: Token = { type: closing ? 'end' : 'start', name, attrs }
    if (!closing && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'i')
      const rest = html.slice(i)
      const m = close.exec(rest)
      const end = m ? i + m.index : n
      token.text = html.slice(i, end)
      i = end
    }
    out.push(token)
  }
  return out
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Character references as they appear in hono/jsx output (named basics and numeric). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m
    }
    return NAMED[ref.toLowerCase()] ?? m
  })
}

// URL-valued attributes a browser would follow or htmx would request.
const URL_ATTRS = [
  'href',
  'src',
  'action',
  'formaction',
  'hx-get',
  'hx-post',
  'hx-put',
  'hx-delete',
]

/**
 * What hostile input could have turned into live markup: inline scripts (the CSP forbids all),
 * event-handler attributes, `javascript:` URLs, htmx attributes pointing at the payload marker,
 * and any tag or attribute carrying the marker. An empty list means nothing was injected.
 */
export function injections(html: string, marker: string): string[] {
  const found: string[] = []
  const mark = marker.toLowerCase()
  for (const t of tokenize(html)) {
    if (t.type !== 'start') continue
    if (t.name.includes(mark)) found.push(`<${t.name}> element`)
    if (t.name === 'script') {
      const type = (t.attrs.get('type') ?? '').toLowerCase()
      if (type === 'application/json') {
        try {
          JSON.parse(t.text ?? '')
        } catch {
          found.push('a JSON data script that no longer parses')
        }
      } else if (!t.attrs.has('src') || (t.text ?? '').trim() !== '') {
        found.push(`inline <script>: ${(t.text ?? '').slice(0, 60)}`)
      }
    }
    for (const [name, value] of t.attrs) {
      const v = value.toLowerCase()
      if (/^on[a-z]/.test(name)) found.push(`<${t.name} ${name}=…> event handler`)
      if (name.includes(mark)) found.push(`<${t.name}> with an injected attribute ${name}`)
      if (URL_ATTRS.includes(name) && /^\s*(javascript|data|vbscript):/.test(v)) {
        found.push(`<${t.name} ${name}="${value.slice(0, 40)}">`)
      }
      if (v.includes(mark)) {
        // A URL may carry input properly encoded (a search term kept in a pager link); raw
        // quotes, brackets or spaces mean it was pasted in unencoded. Other htmx attributes
        // (targets, triggers, hx-on) must never hold input at all; hx-vals is JSON data.
        if (URL_ATTRS.includes(name)) {
          // Paths hold only ids the app chose; input there means markup made the element.
          if (/[\s<>"'`]/.test(value) || v.split('?')[0]!.includes(mark))
            found.push(`<${t.name} ${name}="${value.slice(0, 60)}"> carries the payload`)
        } else if (name === 'hx-vals') {
          if (/^\s*(js|javascript):/i.test(value)) found.push(`<${t.name} hx-vals> script`)
        } else if (name.startsWith('hx-')) {
          found.push(`<${t.name} ${name}="${value.slice(0, 60)}"> holds the payload`)
        }
      }
      if (name === 'style') found.push(`<${t.name} style=…> (the CSP forbids inline styles)`)
    }
  }
  return found
}

export interface FormField {
  name: string
  /** The value the page proposes (checked boxes, selected option, textarea text). */
  value: string
  /** input type, or select/textarea. */
  kind: string
  options: string[]
  /** The field carries `required`: an empty value is refused before anything else. */
  required?: boolean
}

export interface FoundForm {
  method: 'GET' | 'POST'
  /** The URL the form (or htmx element) sends to, as written in the page. */
  action: string
  multipart: boolean
  fields: FormField[]
}

/**
 * Every form of a page, and every element outside a form that htmx would make a request from
 * (hx-post/hx-get with its own name/value and hx-vals). Relative actions resolve against `page`.
 */
export function extractForms(html: string, page: string): FoundForm[] {
  const forms: FoundForm[] = []
  let open: FoundForm | undefined
  let select: FormField | undefined
  const resolve = (a: string) => {
    const url = new URL(a || page, `https://x${page}`)
    return url.pathname + url.search
  }
  for (const t of tokenize(html)) {
    const a = t.attrs
    if (t.type === 'end') {
      if (t.name === 'form' && open) open = void forms.push(open)
      if (t.name === 'select') select = undefined
      continue
    }
    if (t.name === 'form') {
      const hxPost = a.get('hx-post')
      const hxGet = a.get('hx-get')
      const method =
        hxPost !== undefined
          ? 'POST'
          : hxGet !== undefined
            ? 'GET'
            : (a.get('method') ?? 'get').toUpperCase()
      open = {
        method: method === 'POST' ? 'POST' : 'GET',
        action: resolve(hxPost ?? hxGet ?? a.get('action') ?? ''),
        multipart: (a.get('enctype') ?? a.get('hx-encoding') ?? '').includes('multipart'),
        fields: [],
      }
      continue
    }
    const name = a.get('name')
    if (open) {
      if (t.name === 'input' && name) {
        const type = (a.get('type') ?? 'text').toLowerCase()
        const checkable = type === 'checkbox' || type === 'radio'
        const prior = open.fields.find((f) => f.name === name && f.kind === type && checkable)
        if (prior) {
          prior.options.push(a.get('value') ?? 'on')
          if (a.has('checked')) prior.value = a.get('value') ?? 'on'
        } else {
          open.fields.push({
            name,
            kind: type,
            value:
              checkable && !a.has('checked') ? '' : (a.get('value') ?? (checkable ? 'on' : '')),
            options: checkable ? [a.get('value') ?? 'on'] : [],
            required: a.has('required'),
          })
        }
      } else if (t.name === 'textarea' && name) {
        open.fields.push({
          name,
          kind: 'textarea',
          value: decodeEntities(t.text ?? ''),
          options: [],
          required: a.has('required'),
        })
      } else if (t.name === 'select' && name) {
        select = { name, kind: 'select', value: '', options: [] }
        open.fields.push(select)
      } else if (t.name === 'option' && select) {
        const v = a.get('value') ?? ''
        select.options.push(v)
        // What a browser sends: the selected option, else the first one.
        if (a.has('selected') || select.options.length === 1) select.value = v
      } else if (t.name === 'button' && name && !open.fields.some((f) => f.name === name)) {
        open.fields.push({ name, kind: 'button', value: a.get('value') ?? '', options: [] })
      }
    }
    // htmx requests from elements outside a form (and buttons with their own hx-post).
    const hx = a.get('hx-post') ?? a.get('hx-get')
    if (
      hx !== undefined &&
      t.name !== 'form' &&
      (!open || t.name === 'button' || t.name === 'input')
    ) {
      const fields: FormField[] = []
      if (name) fields.push({ name, kind: 'text', value: a.get('value') ?? '', options: [] })
      try {
        const vals = JSON.parse(a.get('hx-vals') ?? '{}') as Record<string, unknown>
        for (const [k, v] of Object.entries(vals))
          fields.push({ name: k, kind: 'hidden', value: String(v), options: [] })
      } catch {
        // js: expressions in hx-vals are not data; nothing to send.
      }
      forms.push({
        method: a.has('hx-post') ? 'POST' : 'GET',
        action: resolve(hx),
        multipart: false,
        fields: open ? [...open.fields, ...fields] : fields,
      })
    }
  }
  if (open) forms.push(open)
  return forms
}

/** Every same-origin URL a page links to or loads with htmx (no static files). */
export function extractLinks(html: string, page: string): string[] {
  const out = new Set<string>()
  for (const t of tokenize(html)) {
    if (t.type !== 'start') continue
    for (const attr of ['href', 'hx-get', 'src', 'action']) {
      const v = t.attrs.get(attr)
      if (!v || /^(#|mailto:|tel:|javascript:|data:)/i.test(v)) continue
      if (attr === 'action' && (t.attrs.get('method') ?? 'get').toLowerCase() === 'post') continue
      let url: URL
      try {
        url = new URL(v, `https://x${page}`)
      } catch {
        continue
      }
      if (url.host !== 'x' || url.pathname.startsWith('/static/')) continue
      out.add(url.pathname + url.search)
    }
  }
  return [...out]
}
