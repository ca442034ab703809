import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { scheduleAppointmentRoutes } from './schedule-appointment.routes.js'
import { scheduleBookingRoutes } from './schedule-booking.routes.js'
import { scheduleDayRoutes } from './schedule-day.routes.js'
import { scheduleHoursRoutes } from './schedule-hours.routes.js'
import { schedulePrintRoutes } from './schedule-print.routes.js'
import { scheduleSettingsRoutes } from './schedule-settings.routes.js'

/**
 * The schedule (DESIGN.md §5 `/schedule?date=YYYY-MM-DD`). Route table:
 *
 * --- views (schedule.read) ---
 * GET  /schedule                         day grid, ?date=&by=doctor|chair
 * GET  /schedule/week                    week, ?date=&doctor=
 * GET  /schedule/version                 polled by open views: 204 or HX-Trigger
 * GET  /schedule/print                   a doctor's day list, ?date=&doctor=
 * GET  /schedule/appointments/:id        one appointment and its status history
 * GET  /patients/:id/visits              a patient's visits for reception
 * --- booking and changes (schedule.write) ---
 * GET  /schedule/appointments/new        booking form, ?date=&time=&doctor=&chair=
 * POST /schedule/patient-picker          patients found as the receptionist types
 * POST /schedule/appointments            book
 * GET  /schedule/appointments/:id/edit   move and resize forms
 * POST /schedule/appointments/:id/move | resize | status | cancel
 * --- settings (schedule.write) ---
 * GET  /schedule/settings
 * POST /schedule/chairs, /schedule/chairs/:id/active
 * POST /schedule/working-hours, /schedule/working-hours/:id/delete
 * POST /schedule/days-off, /schedule/days-off/:id/delete
 */
export function scheduleRoutes() {
  const app = new Hono<AppEnv>()
  app.route('/', scheduleDayRoutes())
  app.route('/', schedulePrintRoutes())
  // "new" before ":id", so that /schedule/appointments/new is the form, not appointment "new".
  app.route('/', scheduleBookingRoutes())
  app.route('/', scheduleAppointmentRoutes())
  app.route('/', scheduleSettingsRoutes())
  app.route('/', scheduleHoursRoutes())
  return app
}
