import { Hono } from 'hono'
import type { StockErrors } from '../../views/stock/material-form.js'
import { ReceiptPage } from '../../views/stock/receipt.page.js'
import { StocktakeViewPage } from '../../views/stock/stocktake-view.page.js'
import { StocktakePage } from '../../views/stock/stocktake.page.js'
import { WriteOffPage } from '../../views/stock/write-off.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { pathId } from '../plans/medical-access.js'
import { DOCUMENT_ROWS, postReceipt, postWriteOff } from './documents.service.js'
import { actor, canWrite, deps, formatters, textForm, type Ctx } from './stock-context.js'
import { postStocktake, readStocktake } from './stocktake.service.js'
import { findStocktake, listMaterials, listStocktakes, listSuppliers } from './stock.queries.js'

// Stock documents: receipts, write-offs and stock-takes. Each form posts one document in one
// transaction; a bad form comes back (422) with everything typed still in it.

const rowFields = (costed: boolean) =>
  Array.from({ length: DOCUMENT_ROWS }, (_, i) => [
    `material_${i}`,
    `quantity_${i}`,
    ...(costed ? [`cost_${i}`] : []),
  ]).flat()

const receiptForm = textForm([
  'on_date',
  'supplier_id',
  'supplier_name',
  'supplier_inn',
  ...rowFields(true),
])
const writeOffForm = textForm(['on_date', 'reason', 'comment', ...rowFields(false)])

type Values = Record<string, string>

async function receiptPage(c: Ctx, values: Values = {}, errors?: StockErrors, posted = false) {
  const db = c.get('services').db
  return c.render(
    <ReceiptPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      materials={await listMaterials(db, { activeOnly: true })}
      suppliers={await listSuppliers(db)}
      values={values}
      errors={errors}
      posted={posted}
    />,
    { title: c.get('i18n').t('stock.receipt_title') },
  )
}

async function writeOffPage(c: Ctx, values: Values = {}, errors?: StockErrors, posted = false) {
  return c.render(
    <WriteOffPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      materials={await listMaterials(c.get('services').db, { activeOnly: true })}
      values={values}
      errors={errors}
      posted={posted}
    />,
    { title: c.get('i18n').t('stock.write_off_title') },
  )
}

async function stocktakePage(
  c: Ctx,
  values: Values = {},
  extra: { errors?: StockErrors; differences?: Map<number, number> } = {},
) {
  const db = c.get('services').db
  return c.render(
    <StocktakePage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      materials={await listMaterials(db, { activeOnly: true })}
      quantity={formatters(c).quantity}
      values={values}
      errors={extra.errors}
      differences={extra.differences}
      recent={await listStocktakes(db)}
    />,
    { title: c.get('i18n').t('stock.stocktake_title') },
  )
}

export function stockDocumentRoutes() {
  const app = new Hono<AppEnv>()

  // --- receipts ---
  app.get('/stock/receipts/new', allow('stock.write'), (c) =>
    receiptPage(c, {}, undefined, c.req.query('posted') === '1'),
  )

  app.post('/stock/receipts', allow('stock.write'), async (c) => {
    const input = await form(c, receiptForm)
    const result = await postReceipt(deps(c), actor(c), input)
    if (result.ok) return c.redirect('/stock/receipts/new?posted=1', 303)
    c.status(422)
    return receiptPage(c, input, result.errors)
  })

  // --- write-offs ---
  app.get('/stock/write-offs/new', allow('stock.write'), (c) =>
    writeOffPage(c, {}, undefined, c.req.query('posted') === '1'),
  )

  app.post('/stock/write-offs', allow('stock.write'), async (c) => {
    const input = await form(c, writeOffForm)
    const result = await postWriteOff(deps(c), actor(c), input)
    if (result.ok) return c.redirect('/stock/write-offs/new?posted=1', 303)
    c.status(422)
    return writeOffPage(c, input, result.errors)
  })

  // --- stock-takes ---
  app.get('/stock/stocktakes/new', allow('stock.write'), (c) => stocktakePage(c))

  app.post('/stock/stocktakes', allow('stock.write'), async (c) => {
    const materials = await listMaterials(c.get('services').db, { activeOnly: true })
    const input = await form(
      c,
      textForm(['step', 'note', ...materials.map((m) => `counted_${m.id}`)], 500),
    )
    if (input.step === 'post') {
      const result = await postStocktake(deps(c), actor(c), input)
      if (result.ok) return c.redirect(`/stock/stocktakes/${result.id}`, 303)
      c.status(422)
      return stocktakePage(c, input, { errors: result.errors })
    }
    // Review: show each counted material's difference from the ledger; nothing is written.
    const { errors, counted } = await readStocktake(deps(c), input)
    if (Object.keys(errors).length > 0) {
      c.status(422)
      return stocktakePage(c, input, { errors })
    }
    const balance = new Map(materials.map((m) => [m.id, m.balance_milli]))
    const differences = new Map(
      [...counted].map(([id, q]) => [id, q - (balance.get(id) ?? 0)] as const),
    )
    return stocktakePage(c, input, { differences })
  })

  app.get('/stock/stocktakes/:stocktakeId', allow('stock.read'), async (c) => {
    const stocktake = await findStocktake(c.get('services').db, pathId(c, 'stocktakeId'))
    if (!stocktake) throw notFound()
    return c.render(
      <StocktakeViewPage
        i18n={c.get('i18n')}
        stocktake={stocktake}
        quantity={formatters(c).quantity}
        canWrite={await canWrite(c)}
      />,
      { title: c.get('i18n').t('stock.stocktake_title') },
    )
  })

  return app
}
