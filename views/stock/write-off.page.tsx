import { WRITE_OFF_REASONS } from '../../server/stock/documents.service.js'
import { Field } from '../components/field.js'
import { SelectField } from '../components/form-controls.js'
import { documentField, StockDocumentPage, type StockDocumentProps } from './stock-document-page.js'

/** Materials leaving other than in a procedure; the reason is required. */
export function WriteOffPage(props: StockDocumentProps) {
  const { t } = props.i18n
  const { v, e } = documentField(props)
  return (
    <StockDocumentPage {...props} kind="write_off">
      <SelectField
        id="write-off-reason"
        name="reason"
        label={t('stock.field.reason')}
        value={v('reason')}
        required
        options={[
          { value: '', label: t('stock.choose_reason') },
          ...WRITE_OFF_REASONS.map((r) => ({ value: r, label: t(`stock.reason.${r}`) })),
        ]}
        error={e('reason')}
      />
      <Field
        id="write-off-comment"
        name="comment"
        label={t('stock.field.comment')}
        value={v('comment')}
        hint={t('stock.comment_hint')}
        error={e('comment')}
      />
    </StockDocumentPage>
  )
}
