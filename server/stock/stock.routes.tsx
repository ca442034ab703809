import { Hono } from 'hono'
import { MaterialNewPage } from '../../views/stock/material-new.page.js'
import type { MaterialValues, StockErrors } from '../../views/stock/material-form.js'
import { MaterialPage } from '../../views/stock/material.page.js'
import { MaterialsPage, type MaterialsShow } from '../../views/stock/materials.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { pathId } from '../plans/medical-access.js'
import { createMaterial, updateMaterialFromForm } from './materials.service.js'
import { milliToInput } from './quantity.js'
import { actor, canWrite, deps, formatters, textForm, type Ctx } from './stock-context.js'
import {
  findMaterialById,
  isLow,
  isShortage,
  listMaterials,
  listMovements,
} from './stock.queries.js'

// Stock: the materials list, one material's ledger, and the material forms. Reading is for the
// clinical team (stock.read: owner, doctors, assistants); changing stock is stock.write (owner,
// assistants). The front desk has neither. Documents (receipts, write-offs, stock-takes),
// technology cards and the month report have their own route modules.

const materialForm = textForm(['name', 'unit', 'min_quantity', 'active'])
const SHOWS: readonly MaterialsShow[] = ['active', 'low', 'all']

async function materialPage(c: Ctx, id: number, values?: MaterialValues, errors?: StockErrors) {
  const db = c.get('services').db
  const material = await findMaterialById(db, id)
  if (!material) throw notFound()
  const f = formatters(c)
  const shown = values ?? {
    name: material.name,
    unit: material.unit,
    min_quantity: milliToInput(material.min_quantity_milli, c.get('i18n').locale),
    active: material.active ? '1' : '',
  }
  return c.render(
    <MaterialPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      material={material}
      movements={await listMovements(db, id)}
      quantity={f.quantity}
      money={f.money}
      canWrite={await canWrite(c)}
      values={shown}
      errors={errors}
    />,
    { title: c.get('i18n').t('stock.material_title', { name: material.name }) },
  )
}

export function stockRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/stock', allow('stock.read'), async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 100)
    const rawShow = c.req.query('show') ?? 'active'
    const show = (SHOWS as readonly string[]).includes(rawShow)
      ? (rawShow as MaterialsShow)
      : 'active'
    let materials = await listMaterials(c.get('services').db, {
      activeOnly: show !== 'all',
      search: q,
    })
    if (show === 'low') materials = materials.filter((m) => isLow(m) || isShortage(m))
    return c.render(
      <MaterialsPage
        i18n={c.get('i18n')}
        materials={materials}
        quantity={formatters(c).quantity}
        filter={{ q, show }}
        filtered={q.trim() !== '' || show !== 'active'}
        canWrite={await canWrite(c)}
      />,
      { title: c.get('i18n').t('stock.title') },
    )
  })

  const newPage = (c: Ctx, values?: MaterialValues, errors?: StockErrors) =>
    c.render(
      <MaterialNewPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        values={values ?? { name: '', unit: 'pcs', min_quantity: '0' }}
        errors={errors}
      />,
      { title: c.get('i18n').t('stock.new_material') },
    )

  app.get('/stock/materials/new', allow('stock.write'), (c) => newPage(c))

  app.post('/stock/materials', allow('stock.write'), async (c) => {
    const input = await form(c, materialForm)
    const result = await createMaterial(deps(c), actor(c), input)
    if (result.ok) return c.redirect(`/stock/materials/${result.id}`, 303)
    c.status(422)
    return newPage(c, input, result.errors)
  })

  app.get('/stock/materials/:materialId', allow('stock.read'), (c) =>
    materialPage(c, pathId(c, 'materialId')),
  )

  app.post('/stock/materials/:materialId', allow('stock.write'), async (c) => {
    const id = pathId(c, 'materialId')
    const input = await form(c, materialForm)
    const result = await updateMaterialFromForm(deps(c), actor(c), id, input)
    if (!result) throw notFound()
    if (result.ok) return c.redirect(`/stock/materials/${id}`, 303)
    c.status(422)
    return materialPage(c, id, input, result.errors)
  })

  return app
}
