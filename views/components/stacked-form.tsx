import type { Child } from 'hono/jsx'
import { CsrfField } from './csrf-field.js'
import { FormError } from './form-controls.js'

/** A headed POST form: CSRF field, the summary error if any, its fields, then the submit button. */
export function StackedForm(props: {
  action: string
  heading: string
  /** The button's text; the heading's when absent. */
  submit?: string
  csrfToken: string
  error?: string
  children?: Child
}) {
  return (
    <form method="post" action={props.action} class="stacked-form">
      <h2>{props.heading}</h2>
      <CsrfField token={props.csrfToken} />
      <FormError message={props.error} />
      {props.children}
      <button type="submit">{props.submit ?? props.heading}</button>
    </form>
  )
}
