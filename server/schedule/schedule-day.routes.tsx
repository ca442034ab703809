import { Hono, type Context } from 'hono'
import { DayLive } from '../../views/schedule/day-live.partial.js'
import { DayPage } from '../../views/schedule/day.page.js'
import { dayMonthYear, longDate } from '../../views/schedule/format.js'
import { CHANGED_EVENT, LIVE_ID } from '../../views/schedule/live-refresh.js'
import { WeekLive, WeekPage } from '../../views/schedule/week.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { htmlBytes, renderAround } from '../http/render.js'
import { listAppointmentsInRange, listDayAppointments } from './appointments.queries.js'
import { addDays, clinicRange, isoWeekday, weekStart } from './clinic-time.js'
import { createDayGridCache } from './day-grid-cache.js'
import { buildDay } from './day-model.js'
import {
  listChairs,
  listDaysOff,
  listDoctors,
  listStaffedResources,
  listWorkingHours,
  readDayGridVersion,
  readScheduleVersion,
} from './schedule.queries.js'
import { canWrite, dateQuery, toId, today } from './schedule.http.js'
import { buildWeek } from './week-model.js'

type Ctx = Context<AppEnv>

/** The live region is re-fetched by htmx with this target: send only it, not the page. */
const wantsLive = (c: Ctx) => c.req.header('hx-target') === LIVE_ID

/** The day view, the week view and the version endpoint their terminals poll. */
export function scheduleDayRoutes() {
  const app = new Hono<AppEnv>()

  const cachedGrid = createDayGridCache()

  app.get('/schedule', allow('schedule.read'), async (c) => {
    const { db, config } = c.get('services')
    const i18n = c.get('i18n')
    const date = dateQuery(c)
    const by = c.req.query('by') === 'chair' ? 'chair' : 'doctor'
    // Versions before rows: a change landing in between then shows as a newer version (the
    // page refreshes), never as old rows cached under a current version.
    const version = await readScheduleVersion(db, [date])
    const key = `${i18n.locale} ${date} ${by} ${version} ${await readDayGridVersion(db)}`
    const live = await cachedGrid(key, async () => {
      const range = clinicRange(date, 1, config.timeZone)
      // This weekday's hours and who has hours at all: not every row of every weekday (bench).
      const staffed = await listStaffedResources(db)
      const doctors = await listDoctors(db)
      const chairs = await listChairs(db)
      const model = buildDay({
        date,
        by,
        timeZone: config.timeZone,
        doctors,
        chairs,
        hours: await listWorkingHours(db, { weekday: isoWeekday(date) }),
        doctorsWithHours: staffed.doctors,
        chairsWithHours: staffed.chairs,
        daysOff: await listDaysOff(db, date, date),
        appointments: await listDayAppointments(db, range.from, range.to, { doctors, chairs }),
      })
      return Buffer.from(await (<DayLive i18n={i18n} model={model} version={version} />).toString())
    })
    if (wantsLive(c)) return htmlBytes(c, live)
    const write = await canWrite(c)
    return renderAround(
      c,
      live,
      (slot) => (
        <DayPage i18n={i18n} date={date} by={by} live={slot} today={today(c)} canWrite={write} />
      ),
      { title: `${i18n.t('schedule.title')}: ${longDate(i18n, date)}` },
    )
  })

  app.get('/schedule/week', allow('schedule.read'), async (c) => {
    const { db, config } = c.get('services')
    const date = dateQuery(c)
    const from = weekStart(date)
    const doctors = await listDoctors(db)
    const doctorId = toId(c.req.query('doctor'))
    const range = clinicRange(from, 7, config.timeZone)
    const model = buildWeek({
      from,
      timeZone: config.timeZone,
      doctors,
      daysOff: await listDaysOff(db, from, addDays(from, 6), { doctorId }),
      appointments: await listAppointmentsInRange(db, range.from, range.to, { doctorId }),
    })
    const version = await readScheduleVersion(db, weekDays(from))
    const props = { i18n: c.get('i18n'), date, model, version, doctors, doctorId }
    if (wantsLive(c)) return c.html(<WeekLive {...props} />)
    return c.render(<WeekPage {...props} today={today(c)} canWrite={await canWrite(c)} />, {
      title: c.get('i18n').t('schedule.week_heading', { date: dayMonthYear(c.get('i18n'), from) }),
    })
  })

  // Polled every few seconds by every open day or week view (with the background header, so
  // it never keeps a session awake). 204 while the version the page was drawn at is current;
  // otherwise an HX-Trigger that makes the page re-fetch its live region.
  app.get('/schedule/version', allow('schedule.read'), async (c) => {
    const date = dateQuery(c)
    const days = c.req.query('span') === 'week' ? weekDays(weekStart(date)) : [date]
    const version = await readScheduleVersion(c.get('services').db, days)
    c.header('X-Schedule-Version', String(version))
    if (c.req.query('v') === String(version)) return c.body(null, 204)
    c.header('HX-Trigger', CHANGED_EVENT)
    return c.body(null, 200)
  })

  return app
}

function weekDays(from: string): string[] {
  return [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i))
}
