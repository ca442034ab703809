/**
 * Day grids already drawn, as encoded HTML (see renderAround), by everything they are drawn
 * from: the caller's key holds the locale, date and view, the day's schedule version and the
 * triggers' day-grid version. The grid is the same for everyone allowed to see the schedule;
 * the page around it is not, and is drawn per request. Old versions are never asked for
 * again and fall out as the least recently used.
 */
export function createDayGridCache(max = 24) {
  const entries = new Map<string, Buffer<ArrayBuffer>>()
  return async function cachedGrid(
    key: string,
    draw: () => Promise<Buffer<ArrayBuffer>>,
  ): Promise<Buffer<ArrayBuffer>> {
    const hit = entries.get(key)
    if (hit !== undefined) {
      entries.delete(key)
      entries.set(key, hit)
      return hit
    }
    const html = await draw()
    entries.set(key, html)
    if (entries.size > max) entries.delete(entries.keys().next().value!)
    return html
  }
}
