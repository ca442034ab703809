import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'
import { documentField, StockDocumentPage, type StockDocumentProps } from './stock-document-page.js'

/** A delivery from a supplier: one form, one document, one transaction. */
export function ReceiptPage(
  props: StockDocumentProps & { suppliers: { id: number; name: string; inn: string | null }[] },
) {
  const { t } = props.i18n
  const { v, e } = documentField(props)
  return (
    <StockDocumentPage {...props} kind="receipt">
      <SelectField
        id="receipt-supplier"
        name="supplier_id"
        label={t('stock.field.supplier')}
        value={v('supplier_id')}
        options={[
          { value: '', label: t('stock.choose_supplier') },
          ...props.suppliers.map((s) => ({
            value: String(s.id),
            label: s.inn ? `${s.name} (${s.inn})` : s.name,
          })),
        ]}
        error={e('supplier_id')}
      />
      <Field
        id="receipt-new-supplier"
        name="supplier_name"
        label={t('stock.field.new_supplier')}
        value={v('supplier_name')}
        hint={t('stock.new_supplier_hint')}
        error={e('supplier_name')}
      />
      <Field
        id="receipt-inn"
        name="supplier_inn"
        label={t('stock.field.inn')}
        value={v('supplier_inn')}
        hint={t('stock.inn_hint')}
        error={e('supplier_inn')}
      />
    </StockDocumentPage>
  )
}
