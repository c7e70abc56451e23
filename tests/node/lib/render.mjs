// Rendering a bundle's SMS and WhatsApp variants with nunjucks (a Jinja-compatible engine),
// following docs/bundle-format.md ("Rendering with another Jinja-compatible engine").
import nunjucks from 'nunjucks';

import { isolate, stripIsolates, tidyUrls, withBaseDirection } from './bidi.mjs';
import { makeFilters } from './filters.mjs';
import { analyze } from './sms.mjs';

// A `{{ expression }}` placeholder, as in whatsapp.json's fields and button URLs.
const PLACEHOLDER = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/gu;

/** Finalize every `{{ }}`: Jinja's str() of the value, isolated if its direction differs. */
function finalizeValue(value, message) {
  if (value === undefined) throw new Error('undefined value (the data lacks a variable)');
  if (value === null) return 'None';
  if (value instanceof nunjucks.runtime.SafeString) return value;
  let text;
  if (value === true || value === false) text = value ? 'True' : 'False';
  else text = String(value);
  return isolate(text, Boolean(message.rtl));
}

export class Renderer {
  constructor(manifest) {
    this.manifest = manifest;
    this.env = new nunjucks.Environment(null, { autoescape: false });
    const filters = makeFilters((ctx) => ctx.ctx.message);
    for (const [name, fn] of Object.entries(filters)) this.env.addFilter(name, fn);
    this.env.addFilter('x_finalize', function finalize(value) {
      return finalizeValue(value, this.ctx.message);
    });
    this.cache = new Map();
  }

  /** Compile a template, routing every `{{ }}` through the finalize filter. */
  compile(source) {
    if (!this.cache.has(source)) {
      const wrapped = source.replace(PLACEHOLDER, (all, expr) => {
        const open = all.startsWith('{{-') ? '{{-' : '{{';
        const close = all.endsWith('-}}') ? '-}}' : '}}';
        return `${open} (${expr}) | x_finalize ${close}`;
      });
      this.cache.set(source, nunjucks.compile(wrapped, this.env));
    }
    return this.cache.get(source);
  }

  context(data, message) {
    return { ...data, message, sender: this.manifest.sender, brand: this.manifest.brand };
  }

  sms(source, data, message) {
    const rtl = Boolean(message.rtl);
    let text = this.compile(source).render(this.context(data, message)).trim();
    text = withBaseDirection(tidyUrls(text, rtl), rtl);
    return { text, ...analyze(text) };
  }

  whatsapp(doc, data, message) {
    const context = this.context(data, message);
    const rtl = Boolean(message.rtl);
    const evaluate = (expression) => this.compile(`{{ ${expression} }}`).render(context);
    const parameters = [];
    const out = { category: doc.meta.category, language: message.locale };
    for (const key of ['header', 'body', 'footer']) {
      const source = doc.fields[key] || '';
      const values = [];
      let position = 0;
      const filled = source.replace(PLACEHOLDER, (all, expression) => {
        const value = evaluate(expression);
        position += 1;
        parameters.push({ component: key, position, expression, example: value });
        values.push(value);
        return value;
      });
      out[key] = withBaseDirection(tidyUrls(filled.trim(), rtl), rtl);
    }
    out.buttons = doc.buttons.map((button, index) => {
      const rendered = { type: button.type, text: button.text };
      if (button.type === 'url') {
        let position = 0;
        rendered.url = button.url.replace(PLACEHOLDER, (all, expression) => {
          const value = stripIsolates(evaluate(expression));
          position += 1;
          parameters.push({ component: `button:${index}`, position, expression, example: value });
          return value;
        });
      }
      if (button.type === 'phone') rendered.phone = button.phone || '';
      return rendered;
    });
    out.parameters = parameters;
    return out;
  }
}

/** The Cloud API `messages` body that sends a rendered WhatsApp message. */
export function sendPayload(message, name, to) {
  const auth = message.category === 'AUTHENTICATION';
  const of = (component) => message.parameters.filter((p) => p.component === component)
    .sort((a, b) => a.position - b.position).map((p) => String(p.example));
  const text = (values) => values.map((v) => ({ type: 'text', text: v }));
  const components = [];
  for (const component of ['header', 'body']) {
    const values = of(component).map((v) => (auth ? stripIsolates(v) : v));
    if (values.length) components.push({ type: component, parameters: text(values) });
  }
  message.buttons.forEach((button, index) => {
    let values = of(`button:${index}`).map(stripIsolates);
    if (auth && button.type === 'copy_code' && !values.length) {
      values = of('body').map(stripIsolates).slice(0, 1);
    }
    if (values.length) {
      components.push({ type: 'button', sub_type: 'url', index: String(index),
        parameters: text(values) });
    }
  });
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'template',
    template: { name, language: { code: message.language }, components } };
}
