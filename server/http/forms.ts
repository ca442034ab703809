import type { Context } from 'hono'
import type { z } from 'zod'

type FormBody = Record<string, string | File>
const parsed = new WeakMap<Request, Promise<FormBody>>()

/**
 * The request's form fields, as `c.req.parseBody()` gives them (the last of a repeated field;
 * `name[]` fields as arrays are not used by these forms), parsed once per request. A
 * urlencoded body is read as text and split by URLSearchParams, as the fetch standard's
 * formData() does, without the stream and Response that formData() builds around it (bench
 * profile: most of a search's body handling). Multipart bodies (uploads) go to Hono.
 */
export function formFields(c: Context): Promise<FormBody> {
  let body = parsed.get(c.req.raw)
  if (!body) {
    body = urlencoded(c.req.header('content-type'))
      ? c.req.text().then((text) => {
          const fields: FormBody = Object.create(null) as FormBody
          for (const [key, value] of new URLSearchParams(text)) fields[key] = value
          return fields
        })
      : (c.req.parseBody() as Promise<FormBody>)
    parsed.set(c.req.raw, body)
  }
  return body
}

function urlencoded(type: string | undefined): boolean {
  return type?.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded'
}

/**
 * Parses a urlencoded or multipart form with a zod schema whose fields all have defaults.
 * Fields that fail (oversized, wrong type, duplicated) fall back to their defaults, so the
 * route re-renders its form with a message instead of answering 500.
 */
export async function form<T extends z.ZodObject>(c: Context, schema: T): Promise<z.infer<T>> {
  const body = await formFields(c)
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])))
  const kept = Object.fromEntries(Object.entries(body).filter(([k]) => !bad.has(k)))
  return schema.parse(kept)
}
