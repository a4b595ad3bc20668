import type { InputHTMLAttributes } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
};

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({ name, label, error, hint, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
    </div>
  );
}

type SelectFieldProps = {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string | undefined;
  id?: string;
};

export function SelectField({ name, label, options, defaultValue, error, id }: SelectFieldProps) {
  const selectId = id ?? `field-${name}`;
  const errorId = error ? `${selectId}-error` : undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={selectId}>{label}</label>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      <select id={selectId} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={errorId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes sharing one name (read with formData.getAll); the legend names the group. */
export function CheckboxGroup({ name, legend, options, checked, error, id }: { name: string; legend: string; options: { value: string; label: string }[]; checked: string[]; error?: string | undefined; id?: string }) {
  const errorId = error ? `${id ?? name}-error` : undefined;
  return (
    <fieldset className={error ? "checkbox-group field--invalid" : "checkbox-group"} aria-describedby={errorId}>
      <legend>{legend}</legend>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function TextArea({ name, label, value, error, id: givenId }: { name: string; label: string; value: string; error?: string | undefined; id?: string }) {
  const id = givenId ?? `field-${name}`;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <textarea id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}
