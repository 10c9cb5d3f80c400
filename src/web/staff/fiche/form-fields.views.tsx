import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../shared/components.tsx';

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
