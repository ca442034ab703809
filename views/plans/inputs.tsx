import type { Child } from 'hono/jsx'

// Labelled select, textarea and file inputs with their error tied to them, in the manner of
// components/field.tsx (which covers text inputs).

function described(id: string, error?: string, hint?: string) {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return ids || undefined
}

function Messages(props: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </>
  )
}

export interface Option {
  value: string
  label: string
}

export function SelectField(props: {
  id: string
  name: string
  label: string
  options: Option[]
  value?: string
  error?: string
  hint?: string
  required?: boolean
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described(props.id, props.error, props.hint)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={props.id} error={props.error} hint={props.hint} />
    </div>
  )
}

export function TextAreaField(props: {
  id: string
  name: string
  label: string
  value?: string
  error?: string
  hint?: string
  rows?: number
  required?: boolean
}) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described(props.id, props.error, props.hint)}
      >
        {props.value ?? ''}
      </textarea>
      <Messages id={props.id} error={props.error} hint={props.hint} />
    </div>
  )
}

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
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="file"
        accept={props.accept}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described(props.id, props.error, props.hint)}
      />
      <Messages id={props.id} error={props.error} hint={props.hint} />
    </div>
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
