import type { PaymentKind, PaymentMethod } from './billing.table.js'

// Where a fiscal cash register (онлайн-касса, 54-ФЗ) plugs in. Enamel does not drive one yet:
// the clinic prints its fiscal receipt on its own register, and Enamel records that it did not.
// A driver (АТОЛ, Штрих-М through their HTTP/ДТО servers, or an ОФД cloud register) implements
// `FiscalRegister` and is returned by `fiscalRegister()`; nothing else changes. It is called
// after the payment's transaction has committed (never hold the database while a device
// prints), and its result is recorded in the audit trail as `billing.fiscal`.

/** One line of the receipt (предмет расчёта). */
export interface FiscalLine {
  name: string
  /** Kopecks per unit, after the discount. */
  priceKopecks: number
  quantity: number
  /** Tag 1212: 4 = service (услуга). */
  subject: 'service'
  /**
   * Tag 1199: medical services of a licensed clinic are VAT-exempt (НК РФ ст.149 п.2 пп.2),
   * so "без НДС" unless the clinic's accountant says otherwise.
   */
  vat: 'none'
}

/** What a 54-ФЗ register receives when the front desk takes a payment or a refund. */
export interface FiscalReceipt {
  /** Tag 1054: 1 = приход (payment), 2 = возврат прихода (refund). */
  operation: PaymentKind
  /** Cash goes to tag 1031, card and transfer to 1081 (безналичными). */
  method: PaymentMethod
  amountKopecks: number
  /**
   * Tag 1214: full settlement for services already performed, an advance (аванс) for money
   * taken before them. Enamel passes 'advance' when the patient's balance was not negative.
   */
  settlement: 'full' | 'advance'
  lines: FiscalLine[]
  /** Tag 1008: an e-mail or phone for the electronic receipt, when the patient gave one. */
  customerContact: string | null
  /** Tag 1021: the cashier (the person at the desk). */
  cashierName: string
  /** Enamel's payment id, for reconciling the register's report with the day page. */
  paymentId: number
}

export type FiscalResult =
  | { status: 'printed'; fiscalSign: string; documentNumber: number }
  | { status: 'not_printed'; reason: 'no_register' | 'error'; message?: string }

export interface FiscalRegister {
  readonly name: string
  /** Prints the receipt; never throws: a failure is a result the desk must see. */
  register(receipt: FiscalReceipt): Promise<FiscalResult>
}

/** The clinic has no register connected to Enamel: the receipt is printed elsewhere. */
export const noFiscalRegister: FiscalRegister = {
  name: 'none',
  register: () => Promise.resolve({ status: 'not_printed', reason: 'no_register' }),
}

/** The register in use. A driver chosen by configuration would be returned from here. */
export function fiscalRegister(): FiscalRegister {
  return noFiscalRegister
}
