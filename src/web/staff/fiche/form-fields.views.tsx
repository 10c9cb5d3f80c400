import { h, type ComponentChildren } from 'preact';
import { CsrfField } from '../../shared/components.tsx';

type InputFieldProps = {
  /** Unique on the page: several forms of the tab share field names (date_debut...). */
  id: string;
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  hint?: ComponentChildren;
  type?: 'text' | 'date' | 'number';
  required?: boolean;
  multiline?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  autocomplete?: string;
  /** Fields of a group that is optional as a whole do not each say « (facultatif) ». */
  hideOptional?: boolean;
};

/** A labelled input or textarea with its hint and error, like Field in web/components.tsx but with its own id. */
export function InputField({ id, name, label, value, error, hint, type = 'text', required, multiline, min, max, maxLength = 200, autocomplete = 'off', hideOptional }: InputFieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name, required, autocomplete, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy };
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required || hideOptional ? null : <span class="optional"> (facultatif)</span>}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {multiline
        ? h('textarea', { ...common, maxLength, rows: 3 } as Record<string, unknown>, value ?? '')
        : h('input', { ...common, type, value: value ?? '', min, max, maxLength: type === 'text' ? maxLength : undefined, inputMode: type === 'number' ? 'numeric' : undefined } as Record<string, unknown>)}
    </div>
  );
}

/** A small form with hidden values and one button (the buttons of the tab's actions). */
export function ActionForm({ id, action, csrfToken, label, hidden, class: className, children }: { id?: string; action: string; csrfToken: string; label: ComponentChildren; hidden?: Record<string, string>; class?: string; children?: ComponentChildren }) {
  return (
    <form id={id} method="post" action={action} class="inline-form">
      <CsrfField token={csrfToken} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" class={className ?? 'button-secondary'}>
        {label}
      </button>
    </form>
  );
}
