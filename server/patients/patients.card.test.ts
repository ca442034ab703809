import { beforeAll, describe, expect, it } from 'vitest'
import {
  ADULT,
  events,
  reception,
  register,
  type Browser,
  type Reception,
} from './patients.fixtures.js'

// The receptionist's day, part one: register, correct, find, note.

let t: Reception
let rita: Browser

beforeAll(async () => {
  t = await reception()
  rita = await t.as('rita', 'reception')
})

const count = async () =>
  (
    await t.db
      .selectFrom('patients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

describe('registering: refusals first', () => {
  it('refuses a wrong СНИЛС with 422, the input kept and a message on that field', async () => {
    const before = await count()
    const res = await rita.post('/patients', { ...ADULT, snils: '112-233-445 96' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="112-233-445 96"')
    expect(html).toContain('value="Вениаминовна"')
    expect(html).toMatch(/id="patient-snils-error"[^>]*>Неверный СНИЛС/)
    expect(html).toMatch(/id="patient-snils"[^>]*aria-invalid="true"/)
    expect(await count()).toBe(before)
  })

  it('gives one message per wrong field', async () => {
    const res = await rita.post('/patients', {
      ...ADULT,
      surname: '',
      phone: '12345',
      email: 'alena',
      birth_date: '2030-01-01',
      oms_policy: '123',
      id_doc_series: 'AB',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    for (const [field, text] of [
      ['surname', 'Заполните это поле.'],
      ['phone', 'Введите российский номер'],
      ['email', 'Введите адрес вида'],
      ['birth_date', 'Дата не может быть в будущем.'],
      ['oms_policy', 'Номер полиса ОМС — 16 цифр.'],
      ['id_doc_series', 'Серия паспорта — 4 цифры.'],
    ]) {
      expect(html, field).toMatch(new RegExp(`id="patient-${field}-error"[^>]*>${text}`))
    }
    expect(html).toContain('value="12345"')
  })

  it('asks for a legal representative for a child under 15, who must be an adult patient', async () => {
    const child = {
      ...ADULT,
      name: 'Маша',
      birth_date: '2015-06-01',
      phone: '',
      snils: '',
      oms_policy: '',
      id_doc_type: 'birth_certificate',
      id_doc_series: 'II-МЮ',
      id_doc_number: '654321',
      id_doc_issued_on: '2015-06-10',
    }
    const missing = await rita.post('/patients', { ...child, confirm_duplicate: '1' })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Пациенту младше 15 лет нужен законный представитель.')
    const unknown = await rita.post('/patients', {
      ...child,
      guardian_card: 'NO-SUCH',
      confirm_duplicate: '1',
    })
    expect(await unknown.text()).toContain('Пациента с таким номером карты нет.')
    const mother = await register(rita, { card_number: 'M-1', phone: '+7 999 111-22-33' })
    const id = await register(rita, { ...child, guardian_card: 'M-1', guardian_relation: 'мать' })
    const minorGuardian = await rita.post('/patients', {
      ...child,
      name: 'Даша',
      guardian_card: (
        await t.db
          .selectFrom('patients')
          .select('card_number')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).card_number,
      confirm_duplicate: '1',
    })
    expect(await minorGuardian.text()).toContain(
      'Законный представитель должен быть совершеннолетним.',
    )
    const card = await (await rita.request(`/patients/${id}`)).text()
    expect(card).toContain(`href="/patients/${mother}"`)
    expect(card).toContain('мать')
    expect(await (await rita.request(`/patients/${mother}`)).text()).toContain(
      `href="/patients/${id}"`,
    )
  })

  it('shows a possible duplicate before saving, and saves only when asked to', async () => {
    const first = await register(rita, {
      surname: 'Дубль',
      name: 'Олег',
      sex: 'male',
      phone: '+7 900 555-00-11',
    })
    for (const variant of [
      { surname: 'ДУБЛЬ', name: 'олег', sex: 'male', phone: '' },
      { surname: 'Другой', name: 'Человек', sex: 'male', phone: '8 900 555 00 11' },
    ]) {
      const before = await count()
      const res = await rita.post('/patients', { ...ADULT, ...variant })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('Возможно, этот пациент уже есть в базе')
      expect(html).toContain(`href="/patients/${first}"`)
      expect(html).toMatch(/name="confirm_duplicate" value="1"/)
      expect(await count()).toBe(before)
    }
    const saved = await rita.post('/patients', {
      ...ADULT,
      surname: 'Дубль',
      name: 'Олег',
      sex: 'male',
      confirm_duplicate: '1',
    })
    expect(saved.status).toBe(303)
    const created = await events(t, 'patient.create')
    expect(JSON.parse(created.at(-1)!.details)).toEqual({ duplicate_confirmed: true })
  })
})

describe('the card', () => {
  it('stores phones as +7…, shows dates in the clinic locale, and audits every read', async () => {
    const id = await register(rita, {
      surname: 'Карточкина',
      phone: '8 (916) 765-43-21',
      phone_extra: '9031112233',
    })
    const row = await t.db
      .selectFrom('patients')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect([row.phone, row.phone_extra, row.snils, row.oms_policy, row.id_doc_series]).toEqual([
      '+79167654321',
      '+79031112233',
      '11223344595',
      '7700000000000001',
      '4510',
    ])
    const res = await rita.request(`/patients/${id}`)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).toContain('+7 916 765-43-21')
    expect(html).toContain('12.03.1987 (39 лет)')
    expect(html).toContain('112-233-445 95')
    expect(html).toContain('01.04.2007')
    const views = (await events(t, 'patient.view')).filter((e) => e.patient_id === id)
    expect(views).toHaveLength(1)
    expect(views[0]).toMatchObject({
      category: 'contacts',
      staff_id: t.staff.rita,
      device_id: t.devices.reception.id,
      outcome: 'ok',
    })
  })

  it('edits with the stored values filled in, records which fields changed (not their values)', async () => {
    const id = await register(rita, { surname: 'Правкина' })
    const form = await (await rita.request(`/patients/${id}/edit`)).text()
    expect(form).toContain('value="Правкина"')
    expect(form).toContain('value="+79161234567"')
    const bad = await rita.post(`/patients/${id}/update`, {
      ...ADULT,
      surname: 'Правкина',
      phone: 'не телефон',
      confirm_duplicate: '1',
    })
    expect(bad.status).toBe(422)
    const ok = await rita.post(`/patients/${id}/update`, {
      ...ADULT,
      surname: 'Правкина',
      phone: '+7 926 000 11 22',
      confirm_duplicate: '1',
    })
    expect(ok.status).toBe(303)
    const update = (await events(t, 'patient.update')).at(-1)!
    expect(update.patient_id).toBe(id)
    expect(JSON.parse(update.details)).toEqual({ fields: 'phone' })
    expect(update.details).not.toContain('926')
  })
})

describe('search', () => {
  it('finds by a fragment of the patronymic and by the last four phone digits, as you type', async () => {
    const id = await register(rita, {
      surname: 'Искомая',
      patronymic: 'Ростиславовна',
      phone: '+7 915 000-98-76',
    })
    for (const q of ['стиславов', '9876', 'iskomaya', 'bcrjvfz', '12.03.1987 9876']) {
      const res = await rita.post('/patients/search', { q }, { 'hx-request': 'true' })
      expect(res.status, q).toBe(200)
      const html = await res.text()
      expect(html, q).toContain(`href="/patients/${id}"`)
      expect(html, q).not.toContain('<html')
    }
  })

  it('without JavaScript, posts the form and renders a results page with the query kept', async () => {
    const res = await rita.post('/patients/search', { q: 'Искомая' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html')
    expect(html).toContain('Искомая Алёна Ростиславовна')
    expect(html).toMatch(/id="patients-q"[^>]*value="Искомая"/)
  })

  it('puts the search box on every page for those who may read contacts, and only for them', async () => {
    expect(await (await rita.request('/')).text()).toContain('id="patient-search-q"')
    const owner = t.browser(t.devices.office)
    await owner.login('olga')
    expect(await (await owner.request('/')).text()).toContain('id="patient-search-q"')
    const nobody = t.browser(t.devices.reception)
    expect(await (await nobody.request('/login')).text()).not.toContain('patient-search-q')
  })
})

describe('non-medical notes', () => {
  it('are added and listed apart from the card, with their own audit category', async () => {
    const id = await register(rita, { surname: 'Заметкина' })
    expect((await rita.post(`/patients/${id}/notes/add`, { body: '   ' })).status).toBe(422)
    const res = await rita.post(`/patients/${id}/notes/add`, {
      body: 'Боится бормашины.\nЛучше утром.',
    })
    expect(res.status).toBe(303)
    const html = await (await rita.request(`/patients/${id}/notes`)).text()
    expect(html).toContain('Боится бормашины.')
    expect(await (await rita.request(`/patients/${id}`)).text()).not.toContain('Боится бормашины.')
    const noted = (await events(t)).filter((e) => e.patient_id === id && e.category === 'notes')
    expect(noted.map((e) => e.action)).toEqual(['patient.note.add', 'patient.notes.view'])
  })
})
