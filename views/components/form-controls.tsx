import type { Child } from 'hono/jsx'
import { controlAria, Labelled } from './field.js'

// Labelled select, text-area and file inputs with their error tied to them, built as
// components/field.tsx builds text inputs (Labelled, controlAria). Shared by patients, medical records, plans, schedule, billing, stock,
// prices and medical files.

export interface Option {
  value: string
  label: string
}

/** A labelled select with an optional empty first choice and its error tied to it. */
export function SelectField(props: {
  id: string
  name: string
  label: string
  options: readonly Option[]
  value?: string
  /** A first, empty choice ("— choose —"). */
  placeholder?: string
  error?: string
  hint?: string
  required?: boolean
}) {
  return (
    <Labelled {...props}>
      <select id={props.id} name={props.name} required={props.required} {...controlAria(props)}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  )
}

/** A labelled multi-line text field (4 rows unless told) with its error tied to it. */
export function TextAreaField(props: {
  id: string
  name: string
  label: string
  value?: string
  error?: string
  hint?: string
  rows?: number
  maxLength?: number
  required?: boolean
  /** Write a newline before the value, which parsers drop, so a value's own leading one survives. */
  leadingNewline?: boolean
}) {
  return (
    <Labelled {...props}>
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxLength}
        required={props.required}
        {...controlAria(props)}
      >
        {props.leadingNewline ? `\n${props.value ?? ''}` : (props.value ?? '')}
      </textarea>
    </Labelled>
  )
}

/** A labelled file input limited to `accept`, with its error tied to it. */
export function FileField(props: {
  id: string
  name: string
  label: string
  accept: string
  error?: string
  hint?: string
  required?: boolean
}) {
  return (
    <Labelled {...props}>
      <input
        id={props.id}
        name={props.name}
        type="file"
        accept={props.accept}
        required={props.required}
        {...controlAria(props)}
      />
    </Labelled>
  )
}

/** A form's summary message above its fields, announced when the form re-renders with errors. */
export function FormError(props: { message?: string; children?: Child }) {
  if (!props.message) return null
  return (
    <p class="form-error" role="alert">
      {props.message}
    </p>
  )
}
