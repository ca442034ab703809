import type { Context } from 'hono'
import type { z } from 'zod'

/**
 * Parses a urlencoded or multipart form with a zod schema whose fields all have defaults.
 * Fields that fail (oversized, wrong type, duplicated) fall back to their defaults, so the
 * route re-renders its form with a message instead of answering 500.
 */
export async function form<T extends z.ZodObject>(c: Context, schema: T): Promise<z.infer<T>> {
  const body = await c.req.parseBody()
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])))
  const kept = Object.fromEntries(Object.entries(body).filter(([k]) => !bad.has(k)))
  return schema.parse(kept)
}
