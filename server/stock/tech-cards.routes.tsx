import { Hono } from 'hono'
import type { StockErrors } from '../../views/stock/material-form.js'
import { TechCardPage } from '../../views/stock/tech-card.page.js'
import { TechCardsPage } from '../../views/stock/tech-cards.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { pathId } from '../plans/medical-access.js'
import { actor, canWrite, deps, formatters, textForm, type Ctx } from './stock-context.js'
import { listMaterials } from './stock.queries.js'
import { removeTechCardLine, setTechCardLine } from './tech-cards.service.js'
import { findService, listServicesWithCards, listTechCard } from './tech-cards.queries.js'

// Technology cards per price-list service. Read with stock.read (a doctor checks what a
// procedure uses), changed with stock.write. No prices here: assistants do not hold billing.read.

const lineForm = textForm(['material_id', 'quantity'])

async function cardPage(
  c: Ctx,
  priceItemId: number,
  values = { material_id: '', quantity: '' },
  errors?: StockErrors,
) {
  const db = c.get('services').db
  const service = await findService(db, priceItemId)
  if (!service) throw notFound()
  return c.render(
    <TechCardPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      service={service}
      lines={await listTechCard(db, priceItemId)}
      materials={await listMaterials(db, { activeOnly: true })}
      quantity={formatters(c).quantity}
      canWrite={await canWrite(c)}
      values={values}
      errors={errors}
    />,
    { title: c.get('i18n').t('stock.tech_card_title', { code: service.code, name: service.name }) },
  )
}

export function techCardRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/stock/tech-cards', allow('stock.read'), async (c) =>
    c.render(
      <TechCardsPage
        i18n={c.get('i18n')}
        services={await listServicesWithCards(c.get('services').db, { activeOnly: true })}
        canWrite={await canWrite(c)}
      />,
      { title: c.get('i18n').t('stock.tech_cards_title') },
    ),
  )

  app.get('/stock/tech-cards/:priceItemId', allow('stock.read'), (c) =>
    cardPage(c, pathId(c, 'priceItemId')),
  )

  app.post('/stock/tech-cards/:priceItemId/lines', allow('stock.write'), async (c) => {
    const id = pathId(c, 'priceItemId')
    if (!(await findService(c.get('services').db, id))) throw notFound()
    const input = await form(c, lineForm)
    const result = await setTechCardLine(deps(c), actor(c), id, input)
    if (result.ok) return c.redirect(`/stock/tech-cards/${id}`, 303)
    c.status(422)
    return cardPage(c, id, input, result.errors)
  })

  app.post(
    '/stock/tech-cards/:priceItemId/lines/:lineId/remove',
    allow('stock.write'),
    async (c) => {
      const id = pathId(c, 'priceItemId')
      const done = await removeTechCardLine(deps(c), actor(c), id, pathId(c, 'lineId'))
      if (!done) throw notFound()
      return c.redirect(`/stock/tech-cards/${id}`, 303)
    },
  )

  return app
}
