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
  /** Unique on the page: the name unless several forms of the page share field names. */
  id?: string;
  label: string;
  value?: string | null;
  error?: string;
  hint?: ComponentChildren;
  type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'search';
  required?: boolean;
  /** Fields of a group that is optional as a whole do not each say « (facultatif) ». */
  hideOptional?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text' | 'decimal' | 'search';
  maxLength?: number;
  min?: number;
  max?: number;
  /** A textarea of a few lines instead of a one-line input. */
  multiline?: boolean;
  /** A code read off paper, in capitals: the phone guesses no capital, correction or spelling. */
  code?: boolean;
};

type FrameProps = { id: string; label: string; required?: boolean; hideOptional?: boolean; hint?: ComponentChildren; error?: string; children: ComponentChildren };

/** Label, hint and error around one form control, the error announced to screen readers. */
function FieldFrame({ id, label, required, hideOptional, hint, error, children }: FrameProps) {
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
      {children}
    </div>
  );
}

/** What ties a control to its hint and error, for screen readers. */
function described(id: string, hint: unknown, error: unknown) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy };
}

/** A labelled input or textarea with its hint and error: the one field of every form. */
export function Field(props: FieldProps) {
  const { name, label, value, error, hint, type = 'text', required, hideOptional, autocomplete, inputmode, maxLength = 200, min, max, multiline, code } = props;
  const id = props.id ?? name;
  const aria = described(id, hint, error);
  return (
    <FieldFrame id={id} label={label} required={required} hideOptional={hideOptional} hint={hint} error={error}>
      {multiline
        ? h('textarea', { id, name, required, autocomplete, maxLength, rows: 3, ...aria } as Record<string, unknown>, value ?? '')
        : h('input', {
            id,
            name,
            type,
            value: type === 'password' ? undefined : (value ?? ''),
            required,
            autocomplete,
            inputMode: inputmode ?? (type === 'number' ? 'numeric' : undefined),
            maxLength: type === 'number' ? undefined : maxLength,
            min,
            max,
            ...(code && { autocapitalize: 'characters', autocorrect: 'off', spellcheck: 'false' }),
            ...aria,
          } as Record<string, unknown>)}
    </FieldFrame>
  );
}

const DATE_HINT = 'Format jj/mm/aaaa, par exemple 14/03/1985.';

/**
 * The one date control: typed in French order with the same hint everywhere (a browser's date
 * picker shows its own order, « mm/dd/yyyy » on many machines). An ISO default is shown as typed.
 */
export function DateField(props: { name: string; id?: string; label: string; value?: string | null; error?: string; required?: boolean; more?: string }) {
  const { more, value, ...rest } = props;
  const shown = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('/') : value;
  return <Field {...rest} value={shown} autocomplete="off" inputmode="numeric" maxLength={10} hint={more ? `${DATE_HINT} ${more}` : DATE_HINT} />;
}

type Option = { value: string; label: string };

/** A labelled list of choices; `placeholder` is a first, empty choice. */
export function SelectField(props: { name: string; id?: string; label: string; options: Option[]; value?: string | null; error?: string; required?: boolean; placeholder?: string }) {
  const { name, label, options, value, error, required, placeholder } = props;
  const id = props.id ?? name;
  return (
    <FieldFrame id={id} label={label} required={required} error={error}>
      <select id={id} name={name} required={required} {...described(id, undefined, error)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
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
export function PostButton({ id, action, csrfToken, label, class: className, hidden }: { id?: string; action: string; csrfToken: string; label: string; class?: string; hidden?: Record<string, string> }) {
  return (
    <form id={id} method="post" action={action} class="inline-form">
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

/**
 * An action that destroys or undoes, in two steps that work without JavaScript: the first
 * button opens the question naming what will happen, the second one does it.
 */
export function ConfirmAction(props: { action: string; csrfToken: string; opener: ComponentChildren; question: ComponentChildren; confirm: string; hidden?: Record<string, string>; open?: boolean }) {
  const { action, csrfToken, opener, question, confirm, hidden, open } = props;
  return (
    <details class="confirm" open={open}>
      <summary class="button button-secondary">{opener}</summary>
      <form method="post" action={action} class="confirm-form">
        <CsrfField token={csrfToken} />
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p>{question}</p>
        <button type="submit" class="button-danger">
          {confirm}
        </button>
      </form>
    </details>
  );
}
