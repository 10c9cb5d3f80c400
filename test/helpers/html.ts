import assert from 'node:assert/strict';
import { parse, type HTMLElement } from 'node-html-parser';

/** Text as a person reads it: entities decoded, blocks and line breaks apart, spaces folded. */
const readable = (element: HTMLElement) => element.structuredText.replace(/\s+/g, ' ').trim();

/**
 * A page read as a person and a screen reader meet it, for assertions on what it says and how
 * its controls are labelled rather than on how its markup happens to be written.
 */
export class Page {
  readonly root: HTMLElement;

  constructor(body: string) {
    this.root = parse(body);
  }

  /** The page's language (`<html lang>`). */
  get lang(): string | undefined {
    return this.root.querySelector('html')?.getAttribute('lang');
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

  /** The text of every element matching `selector`. */
  texts(selector: string): string[] {
    return this.root.querySelectorAll(selector).map(readable);
  }

  /** Links, as their text and address. */
  links(): { text: string; href: string }[] {
    return this.root.querySelectorAll('a[href]').map((link) => ({ text: readable(link), href: link.getAttribute('href')! }));
  }

  link(text: string | RegExp): { text: string; href: string } {
    const found = this.links().find((link) => (typeof text === 'string' ? link.text === text : text.test(link.text)));
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

  /** The choices of a radio or checkbox group named `name`, with the one checked. */
  choices(name: string): { value: string; checked: boolean; label: string }[] {
    return this.root.querySelectorAll(`input[name="${name}"]`).map((input) => ({
      value: input.getAttribute('value') ?? '',
      checked: input.hasAttribute('checked'),
      label: input.parentNode ? readable(input.parentNode) : '',
    }));
  }

  /** Buttons, by their text. */
  buttons(): string[] {
    return this.root.querySelectorAll('button').map(readable);
  }

  /**
   * The form control whose label reads `label` (the label's own text, without « (facultatif) »),
   * with what a screen reader announces with it: its hint and error through aria-describedby.
   */
  field(label: string | RegExp) {
    const labels = this.root.querySelectorAll('label[for]');
    const match = labels.find((candidate) => {
      const own = readable(candidate).replace(/\s*\(facultatif\)$/, '');
      return typeof label === 'string' ? own === label : label.test(own);
    });
    assert.ok(match, `a field labelled « ${label} » (labels: ${labels.map(readable).join(' | ')})`);
    const control = this.root.querySelector(`[id="${match.getAttribute('for')}"]`);
    assert.ok(control, `the control of « ${label} »`);
    const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    const textOf = (id: string) => {
      const element = this.root.querySelector(`[id="${id}"]`);
      return element ? readable(element) : '';
    };
    return {
      name: control.getAttribute('name'),
      type: control.getAttribute('type') ?? control.tagName.toLowerCase(),
      value: control.getAttribute('value') ?? undefined,
      autocomplete: control.getAttribute('autocomplete'),
      invalid: control.getAttribute('aria-invalid') === 'true',
      /** The hint and error read with the control, in order. */
      description: described.map(textOf).join(' '),
      error: described.filter((id) => id.endsWith('-error')).map(textOf).join(' ') || undefined,
    };
  }
}

export const page = (body: string) => new Page(body);
