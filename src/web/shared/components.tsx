import { h, type ComponentChildren } from 'preact';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Flash({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="flash" role="status">
      {message}
    </p>
  );
}

const frenchErrorCount = (count: number) => `Le formulaire contient ${count > 1 ? `${count} erreurs` : 'une erreur'}`;

/** Lists the problems at the top of a form, each linking to its field; `heading` words the count. */
export function ErrorSummary({ errors, heading = frenchErrorCount }: { errors?: Record<string, string>; heading?: (count: number) => string }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{heading(entries.length)}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  hint?: ComponentChildren;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'search';
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal' | 'search';
  maxLength?: number;
};

/** Label, hint and error around one form control, the error announced to screen readers. */
function FieldFrame({ name, label, required, hint, error, children }: { name: string; label: string; required?: boolean; hint?: ComponentChildren; error?: string; children: ComponentChildren }) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={name}>
        {label}
        {required ? null : <span class="optional"> (facultatif)</span>}
      </label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A labelled input. */
export function Field({ name, label, value, error, hint, type = 'text', required, autocomplete, inputmode, maxLength = 200 }: FieldProps) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {h('input', {
        id: name,
        name,
        type,
        value: type === 'password' ? undefined : (value ?? ''),
        required,
        autocomplete,
        inputMode: inputmode,
        maxLength,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy(name, hint, error),
      } as Record<string, unknown>)}
    </FieldFrame>
  );
}

type Option = { value: string; label: string };

export function SelectField({ name, label, options, value, error, required }: { name: string; label: string; options: Option[]; value?: string | null; error?: string; required?: boolean }) {
  return (
    <FieldFrame name={name} label={label} required={required} error={error}>
      <select id={name} name={name} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, undefined, error)}>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** The « Oui / Non » choice staff are trained on; read-only when `disabled`. */
export function OuiNon({ name, legend, value, disabled, hint }: { name: string; legend: string; value: boolean; disabled?: boolean; hint?: string }) {
  return (
    <fieldset class="oui-non" aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <div class="choices">
        <label>
          <input type="radio" name={name} value="oui" checked={value} disabled={disabled} /> Oui
        </label>
        <label>
          <input type="radio" name={name} value="non" checked={!value} disabled={disabled} /> Non
        </label>
      </div>
    </fieldset>
  );
}

/** A button that posts a form (logout, deactivate...): actions never ride on links. */
export function PostButton({ action, csrfToken, label, class: className, hidden }: { action: string; csrfToken: string; label: string; class?: string; hidden?: Record<string, string> }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={csrfToken} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={className ?? 'button-secondary'}>
        {label}
      </button>
    </form>
  );
}
