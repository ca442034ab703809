// The labelled select and text area of the medical forms are SelectField and TextAreaField in
// components/form-controls.tsx. This form-level message stays apart: it is the red box
// (.error-box) the patients' forms also use, not the lighter .form-error of the newer features.

/** The form-level message above a refused form. */
export function FormError(props: { message?: string }) {
  return props.message ? (
    <p class="error-box" role="alert">
      {props.message}
    </p>
  ) : null
}
