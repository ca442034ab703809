import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { PriceAdminPage, type PriceItemValues } from '../../views/prices/price-admin.page.js'
import { PriceItemPage } from '../../views/prices/price-item.page.js'
import { PriceListPage } from '../../views/prices/price-list.page.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { pathId } from '../plans/medical-access.js'
import { kopecksToInput, moneyFormatter } from './money.js'
import {
  findPriceItemById,
  listPriceGroups,
  listPriceHistory,
  listPriceItems,
} from './prices.queries.js'
import {
  createPriceGroup,
  createPriceItem,
  updatePriceItemFromForm,
  type FieldErrors,
} from './prices.service.js'

// Who edits prices: the owner only, through `admin.staff`. Not `billing.write`: that belongs
// to the front desk, which takes payments but must not set what they are (CLINIC.md: the owner
// keeps prices). `admin.*` is also held back from chair and reception terminals by the zone
// ceiling, so prices change only from the office. Reading needs `billing.read` (money);
// doctors see prices inside their plans through `medical.*`.

const field = (max: number) => z.string().max(max).default('')
const itemForm = z.object({
  group_id: field(20),
  code: field(200),
  name: field(2000),
  price: field(50),
  active: field(5),
})

type Ctx = Context<AppEnv>

function deps(c: Ctx) {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, now: s.now }
}

function actor(c: Ctx) {
  return { ...auditActor(c), staffId: c.get('session')!.staffId }
}

async function adminPage(
  c: Ctx,
  extra: {
    groupName?: string
    groupErrors?: FieldErrors
    item?: PriceItemValues
    itemErrors?: FieldErrors
  } = {},
) {
  const db = c.get('services').db
  return c.render(
    <PriceAdminPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      groups={await listPriceGroups(db)}
      items={await listPriceItems(db, { activeOnly: false })}
      money={moneyFormatter(c.get('i18n').locale)}
      {...extra}
    />,
    { title: c.get('i18n').t('prices.admin_title') },
  )
}

export function priceRoutes() {
  const app = new Hono<AppEnv>()

  // --- the list, read-only ---
  app.get('/prices', allow('billing.read'), async (c) => {
    const items = await listPriceItems(c.get('services').db, { activeOnly: true })
    return c.render(
      <PriceListPage
        i18n={c.get('i18n')}
        items={items}
        money={moneyFormatter(c.get('i18n').locale)}
      />,
      { title: c.get('i18n').t('prices.title') },
    )
  })

  // --- the owner's editing ---
  app.get('/admin/prices', allow('admin.staff'), (c) => adminPage(c))

  app.post('/admin/prices/groups', allow('admin.staff'), async (c) => {
    const input = await form(c, z.object({ name: field(2000) }))
    const result = await createPriceGroup(deps(c), actor(c), input)
    if (result.ok) return c.redirect('/admin/prices', 303)
    c.status(422)
    return adminPage(c, { groupName: input.name, groupErrors: result.errors })
  })

  app.post('/admin/prices/items', allow('admin.staff'), async (c) => {
    const input = await form(c, itemForm)
    const result = await createPriceItem(deps(c), actor(c), input)
    if (result.ok) return c.redirect('/admin/prices', 303)
    c.status(422)
    return adminPage(c, { item: input, itemErrors: result.errors })
  })

  const itemPage = async (c: Ctx, id: number, values?: PriceItemValues, errors?: FieldErrors) => {
    const db = c.get('services').db
    const item = await findPriceItemById(db, id)
    if (!item) throw notFound()
    const shown = values ?? {
      group_id: String(item.group_id),
      code: item.code,
      name: item.name,
      price: kopecksToInput(item.price_kopecks, c.get('i18n').locale),
      active: item.active ? '1' : '',
    }
    return c.render(
      <PriceItemPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        item={item}
        groups={await listPriceGroups(db)}
        history={await listPriceHistory(db, id)}
        money={moneyFormatter(c.get('i18n').locale)}
        values={shown}
        errors={errors}
      />,
      { title: c.get('i18n').t('prices.item_title', { code: item.code }) },
    )
  }

  app.get('/admin/prices/items/:itemId', allow('admin.staff'), (c) =>
    itemPage(c, pathId(c, 'itemId')),
  )

  app.post('/admin/prices/items/:itemId', allow('admin.staff'), async (c) => {
    const id = pathId(c, 'itemId')
    const input = await form(c, itemForm)
    const result = await updatePriceItemFromForm(deps(c), actor(c), id, input)
    if (!result) throw notFound()
    if (result.ok) return c.redirect(`/admin/prices/items/${id}`, 303)
    c.status(422)
    return itemPage(c, id, input, result.errors)
  })

  return app
}
