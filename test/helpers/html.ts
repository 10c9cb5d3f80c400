import assert from 'node:assert/strict';
import { parse, type HTMLElement } from 'node-html-parser';

/** Text as a person reads it: entities decoded, blocks and line breaks apart, spaces folded. */
const readable = (element: HTMLElement) => element.structuredText.replace(/\s+/g, ' ').trim();

/** A text as a test names it: exactly this, or anything this pattern finds. */
type Wording = string | RegExp;
const says = (text: string, wording: Wording) => (typeof wording === 'string' ? text === wording : wording.test(text));

/** What a form control holds, as the browser would send it. */
function valueOf(control: HTMLElement): string | undefined {
  if (control.tagName === 'TEXTAREA') return control.textContent;
  if (control.tagName === 'SELECT') {
    // With no option marked, a browser shows and sends the first one.
    const option = control.querySelector('option[selected]') ?? control.querySelector('option');
    return option ? (option.getAttribute('value') ?? readable(option)) : undefined;
  }
  return control.getAttribute('value') ?? undefined;
}

/**
 * A page read as a person and a screen reader meet it, for assertions on what it says and how
 * its controls are labelled rather than on how its markup happens to be written.
 */
export class Page {
  readonly root: HTMLElement;

  constructor(body: string | HTMLElement) {
    this.root = typeof body === 'string' ? parse(body) : body;
  }

  /** The page's language (`<html lang>`). */
  get lang(): string | undefined {
    return this.root.querySelector('html')?.getAttribute('lang');
  }

  /** The title a browser tab shows. */
  get title(): string | undefined {
    const title = this.root.querySelector('title');
    return title ? readable(title) : undefined;
  }

  /** The whole visible text. */
  get text(): string {
    return readable(this.root.querySelector('body') ?? this.root);
  }

  /** The first-level heading. */
  get heading(): string | undefined {
    const h1 = this.root.querySelector('h1');
    return h1 ? readable(h1) : undefined;
  }

  /** What is announced at once (role « alert »). */
  get alert(): string | undefined {
    const alert = this.root.querySelector('[role="alert"]');
    return alert ? readable(alert) : undefined;
  }

  /** What is announced politely (role « status »): the message that follows an action. */
  get status(): string | undefined {
    return this.texts('[role="status"]').find(Boolean);
  }

  /** The text of every element matching `selector`. */
  texts(selector: string): string[] {
    return this.root.querySelectorAll(selector).map(readable);
  }

  /**
   * A part of the page as assistive technology names it (a section by its heading, a form or a
   * navigation by its label, a group of fields by its legend), read on its own.
   */
  region(name: Wording): Page {
    const nameOf = (element: HTMLElement) => {
      const ids = element.getAttribute('aria-labelledby')?.split(' ').filter(Boolean) ?? [];
      const labels = ids.map((id) => this.root.querySelector(`[id="${id}"]`)).filter((label) => label !== null);
      if (labels.length > 0) return labels.map(readable).join(' ');
      const legend = element.tagName === 'FIELDSET' ? element.querySelector('legend') : null;
      return element.getAttribute('aria-label') ?? (legend ? readable(legend) : '');
    };
    const named = this.root.querySelectorAll('[aria-labelledby], [aria-label], fieldset');
    const found = named.find((element) => says(nameOf(element), name));
    assert.ok(found, `a region « ${name} » (regions: ${named.map(nameOf).join(' | ')})`);
    return new Page(found);
  }

  /** Links, as their text and address. */
  links(): { text: string; href: string }[] {
    return this.root.querySelectorAll('a[href]').map((link) => ({ text: readable(link), href: link.getAttribute('href')! }));
  }

  link(text: Wording): { text: string; href: string } {
    const found = this.links().find((link) => says(link.text, text));
    assert.ok(found, `a link « ${text} » on the page`);
    return found;
  }

  /** A description list (`<dl>`) as its terms and what each says. */
  terms(): Record<string, string> {
    const terms: Record<string, string> = {};
    for (const term of this.root.querySelectorAll('dt')) {
      const definition = term.nextElementSibling;
      if (definition?.tagName === 'DD') terms[readable(term)] = readable(definition);
    }
    return terms;
  }

  /** The body rows of the table whose caption reads `caption`, each as the text of its cells. */
  table(caption: Wording): string[][] {
    const tables = this.root.querySelectorAll('table');
    const captionOf = (table: HTMLElement) => {
      const element = table.querySelector('caption');
      return element ? readable(element) : '';
    };
    const found = tables.find((table) => says(captionOf(table), caption));
    assert.ok(found, `a table « ${caption} » (tables: ${tables.map(captionOf).join(' | ')})`);
    return found
      .querySelectorAll('tr')
      .filter((row) => row.parentNode?.tagName !== 'THEAD')
      .map((row) => row.querySelectorAll('td, th').map(readable));
  }

  /** The choices of a radio or checkbox group named `name`, with the one checked. */
  choices(name: string): { value: string; checked: boolean; disabled: boolean; label: string }[] {
    return this.root.querySelectorAll(`input[name="${name}"]`).map((input) => ({
      value: input.getAttribute('value') ?? '',
      checked: input.hasAttribute('checked'),
      disabled: input.hasAttribute('disabled'),
      label: input.parentNode ? readable(input.parentNode) : '',
    }));
  }

  /** Buttons, by their text. */
  buttons(): string[] {
    return this.root.querySelectorAll('button').map(readable);
  }

  /**
   * Forms as the browser sends them: where, how, the values they carry unseen (the CSRF token
   * every form holds aside) and their buttons.
   */
  forms(): { action: string; method: string; hidden: Record<string, string>; buttons: string[] }[] {
    return this.root.querySelectorAll('form').map((form) => ({
      action: form.getAttribute('action') ?? '',
      method: (form.getAttribute('method') ?? 'get').toLowerCase(),
      hidden: Object.fromEntries(
        form
          .querySelectorAll('input[type="hidden"]')
          .filter((input) => input.getAttribute('name') !== '_csrf')
          .map((input) => [input.getAttribute('name') ?? '', input.getAttribute('value') ?? '']),
      ),
      buttons: form.querySelectorAll('button').map(readable),
    }));
  }

  /** The form that the button reading `button` submits. */
  form(button: Wording) {
    const found = this.forms().find((form) => form.buttons.some((text) => says(text, button)));
    assert.ok(found, `a form with a button « ${button} » (buttons: ${this.buttons().join(' | ')})`);
    return found;
  }

  /** Disclosures (`<details>`), by their summary, open or closed. */
  disclosures(): { summary: string; open: boolean }[] {
    return this.root.querySelectorAll('details').map((details) => {
      const summary = details.querySelector('summary');
      return { summary: summary ? readable(summary) : '', open: details.hasAttribute('open') };
    });
  }

  /**
   * The form control whose label reads `label` (the label's own text, without « (facultatif) »),
   * with what a screen reader announces with it: its hint and error through aria-describedby.
   * The label names its control by `for`, or holds it.
   */
  field(label: Wording) {
    const labels = this.root.querySelectorAll('label');
    const match = labels.find((candidate) => says(readable(candidate).replace(/\s*\(facultatif\)$/, ''), label));
    assert.ok(match, `a field labelled « ${label} » (labels: ${labels.map(readable).join(' | ')})`);
    const target = match.getAttribute('for');
    const control = target ? this.root.querySelector(`[id="${target}"]`) : match.querySelector('input, select, textarea');
    assert.ok(control, `the control of « ${label} »`);
    const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    const textOf = (id: string) => {
      const element = this.root.querySelector(`[id="${id}"]`);
      return element ? readable(element) : '';
    };
    return {
      name: control.getAttribute('name'),
      type: control.getAttribute('type') ?? control.tagName.toLowerCase(),
      value: valueOf(control),
      checked: control.hasAttribute('checked'),
      required: control.hasAttribute('required'),
      autocomplete: control.getAttribute('autocomplete'),
      invalid: control.getAttribute('aria-invalid') === 'true',
      /** The hint and error read with the control, in order. */
      description: described.map(textOf).join(' '),
      error: described.filter((id) => id.endsWith('-error')).map(textOf).join(' ') || undefined,
    };
  }
}

export const page = (body: string) => new Page(body);
