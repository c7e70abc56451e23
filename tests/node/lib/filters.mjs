// The template filters of a bundle, with Intl (CLDR as ICU applies it), as
// docs/bundle-format.md ("Filters") describes them.
const SMS_SPACES = /[\u00a0\u202f\u2009\u2007]/gu;
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Numbers use the locale's own (latn) patterns; with numbering "arab", see arabSymbols. */
function numberLocale(message) {
  return `${message.locale}-u-nu-latn`;
}

const BIDI_MARKS = /^[\u200e\u200f\u061c]*$/u;
const symbolCache = new Map();

/** A numbering system's decimal and group signs, minus sign and percent sign (with the
 * bidi marks CLDR gives them) in a locale, read from Intl's own output. */
function symbolsOf(locale, nu) {
  const key = `${locale}/${nu}`;
  if (!symbolCache.has(key)) {
    const tag = `${locale}-u-nu-${nu}`;
    const parts = new Intl.NumberFormat(tag).formatToParts(-1234.5);
    const value = (type) => parts.find((p) => p.type === type)?.value ?? '';
    const minus = parts.slice(0, parts.findIndex((p) => p.type === 'integer'))
      .map((p) => p.value).join('');
    const percentParts = new Intl.NumberFormat(tag, { style: 'percent' }).formatToParts(0.01);
    const sign = percentParts.findIndex((p) => p.type === 'percentSign');
    let [from, to] = [sign, sign + 1];
    while (from > 0 && percentParts[from - 1].type === 'literal'
      && BIDI_MARKS.test(percentParts[from - 1].value)) from -= 1;
    while (to < percentParts.length && percentParts[to].type === 'literal'
      && BIDI_MARKS.test(percentParts[to].value)) to += 1;
    const percent = percentParts.slice(from, to).map((p) => p.value).join('');
    symbolCache.set(key, { decimal: value('decimal'), group: value('group'), minus, percent });
  }
  return symbolCache.get(key);
}

/** Numbering "arab" keeps the locale's patterns and swaps in the arab system's signs
 * (CLDR symbols-numberSystem-arab): decimal, group, minus and percent; digits follow. */
function arabSymbols(format, value, message) {
  const latn = symbolsOf(message.locale, 'latn');
  const arab = symbolsOf(message.locale, 'arab');
  let text = format.formatToParts(value).map((part) => {
    if (part.type === 'decimal') return arab.decimal;
    if (part.type === 'group') return arab.group;
    return part.value;
  }).join('');
  if (latn.percent !== arab.percent) text = text.replace(latn.percent, arab.percent);
  if (latn.minus !== arab.minus) text = text.replace(latn.minus, arab.minus);
  return text;
}

// ICU rounds half to even (2.5 → 2, 0.125 → 0.12), as the goldens do; Intl's default is
// half away from zero. Engines without Intl.NumberFormat v3's roundingMode (Node 18)
// get the value rounded half-even here first, exactly, on its decimal digits.
const HAS_ROUNDING_MODE = new Intl.NumberFormat('en', { roundingMode: 'halfEven' })
  .resolvedOptions().roundingMode === 'halfEven';

function roundHalfEven(text, digits) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/u.exec(text);
  if (!match || (match[3] || '').length <= digits) return text;
  const [, sign, whole, fraction] = match;
  const kept = BigInt((whole || '0') + fraction.slice(0, digits));
  const rest = fraction.slice(digits);
  const half = `5${'0'.repeat(rest.length - 1)}`;
  const up = rest > half || (rest === half && kept % 2n === 1n);
  const digitsText = (kept + (up ? 1n : 0n)).toString().padStart(digits + 1, '0');
  const cut = digitsText.length - digits;
  return `${sign}${digitsText.slice(0, cut)}${digits ? `.${digitsText.slice(cut)}` : ''}`;
}

/** Format a number (a decimal string) as ICU would, in the message's numbering. */
function formatNumber(message, options, value) {
  const format = new Intl.NumberFormat(numberLocale(message),
    { roundingMode: 'halfEven', ...options });
  let exact = value;
  if (!HAS_ROUNDING_MODE) {
    const digits = format.resolvedOptions().maximumFractionDigits;
    exact = roundHalfEven(value, digits + (options.style === 'percent' ? 2 : 0));
  }
  const text = message.numbering === 'arab' ? arabSymbols(format, exact, message)
    : format.format(exact);
  return finish(text, message);
}

/** Dates and times are written with Latin digits, then 0-9 become ٠-٩ if numbering is arab. */
function dateLocale(message) {
  return `${message.locale}-u-nu-latn`;
}

/** What every filter does last: Arabic-Indic digits if asked, plain spaces in SMS. */
function finish(text, message) {
  let out = text;
  if (message.numbering === 'arab') out = out.replace(/[0-9]/gu, (d) => ARABIC_DIGITS[Number(d)]);
  if (message.channel === 'sms') out = out.replace(SMS_SPACES, ' ');
  return out;
}

/** A number or numeric string as Intl takes it: a string keeps every decimal exactly. */
function numeric(value, name) {
  const text = String(value).trim();
  if (text === '' || Number.isNaN(Number(text))) {
    throw new Error(`${name}: ${JSON.stringify(value)} is not a number`);
  }
  return text;
}

/** A date-time's instant and the offset it was written with ("no offset" means UTC). */
function parseDateTime(value) {
  const text = String(value).trim().replace(' ', 'T');
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|([+-])(\d{2}):?(\d{2}))?$/u
    .exec(text);
  if (!match) throw new Error(`${JSON.stringify(value)} is not an ISO date-time`);
  const offsetMinutes = match[2]
    ? (match[2] === '-' ? -1 : 1) * (Number(match[3]) * 60 + Number(match[4])) : 0;
  return { instant: Date.parse(`${match[1]}Z`) - offsetMinutes * 60_000, offsetMinutes };
}

// JavaScript engines (V8, JavaScriptCore) replace U+202F in Intl.DateTimeFormat output with
// a plain space for web compatibility; ICU and CLDR, and so the goldens, keep it. CLDR 42+
// writes it between an English time and its day period ("2:00\u202fPM"): put it back there
// when this engine is one that replaces it (docs/bundle-format.md, "Conformance").
const ENGINE_DROPS_NNBSP = !new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' })
  .format(new Date(0)).includes('\u202f');

function restoreNarrowSpaces(parts, locale) {
  if (!ENGINE_DROPS_NNBSP || locale.split('-')[0] !== 'en') return parts;
  return parts.map((part, i) => {
    const nextToDayPeriod = parts[i - 1]?.type === 'dayPeriod' || parts[i + 1]?.type === 'dayPeriod';
    return part.type === 'literal' && part.value === ' ' && nextToDayPeriod
      ? { ...part, value: '\u202f' } : part;
  });
}

/** Format a date-time in `tz`, or in its own offset (shown as that wall-clock time in UTC). */
function formatDateTime(value, options, message, tz) {
  const { instant, offsetMinutes } = parseDateTime(value);
  const when = tz ? new Date(instant) : new Date(instant + offsetMinutes * 60_000);
  const format = new Intl.DateTimeFormat(dateLocale(message), { ...options, timeZone: tz || 'UTC' });
  const parts = restoreNarrowSpaces(format.formatToParts(when), message.locale);
  return finish(parts.map((part) => part.value).join(''), message);
}

const STYLES = new Set(['short', 'medium', 'long', 'full']);

function style(format, name) {
  if (!STYLES.has(format)) throw new Error(`${name}: unknown format ${JSON.stringify(format)}`);
  return format;
}

/** The filters, each taking the template's `message` (from the render context). */
export function makeFilters(getMessage) {
  return {
    money(value, currency) {
      const message = getMessage(this);
      if (!/^[A-Za-z]{3}$/u.test(String(currency))) throw new Error(`money: bad currency ${currency}`);
      return formatNumber(message, { style: 'currency', currency: String(currency).toUpperCase() },
        numeric(value, 'money'));
    },
    number(value, decimals = null) {
      const message = getMessage(this);
      const options = decimals === null || decimals === undefined ? {}
        : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
      return formatNumber(message, options, numeric(value, 'number'));
    },
    percent(value, decimals = 0) {
      const message = getMessage(this);
      return formatNumber(message, { style: 'percent', minimumFractionDigits: decimals,
        maximumFractionDigits: decimals }, numeric(value, 'percent'));
    },
    date(value, format = 'medium') {
      const message = getMessage(this);
      const day = String(value).trim().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/u.test(day)) throw new Error(`date: ${JSON.stringify(value)} is not an ISO date`);
      const intl = new Intl.DateTimeFormat(dateLocale(message),
        { dateStyle: style(format, 'date'), timeZone: 'UTC' });
      return finish(intl.format(new Date(`${day}T00:00:00Z`)), message);
    },
    datetime(value, format = 'medium', tz = null) {
      const message = getMessage(this);
      const f = style(format, 'datetime');
      return formatDateTime(value, { dateStyle: f, timeStyle: f }, message, tz);
    },
    time(value, format = 'short', tz = null) {
      return formatDateTime(value, { timeStyle: style(format, 'time') }, getMessage(this), tz);
    },
  };
}
