// The template filters of a bundle, with Intl (CLDR as ICU applies it), as
// docs/bundle-format.md ("Filters") describes them.
const SMS_SPACES = /[\u00a0\u202f\u2009\u2007]/gu;
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** The message's locale for Intl: numbers in its numbering system ("latn" unless "arab"). */
function numberLocale(message) {
  return `${message.locale}-u-nu-${message.numbering === 'arab' ? 'arab' : 'latn'}`;
}

/** Dates and times are written with Latin digits, then 0-9 become ٠-٩ if numbering is arab. */
function dateLocale(message) {
  return `${message.locale}-u-nu-latn`;
}

/** Number options as ICU's defaults: half-even rounding (Intl's own default is half-up). */
function numberFormat(message, options) {
  return new Intl.NumberFormat(numberLocale(message), { roundingMode: 'halfEven', ...options });
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
      const format = numberFormat(message,
        { style: 'currency', currency: String(currency).toUpperCase() });
      return finish(format.format(numeric(value, 'money')), message);
    },
    number(value, decimals = null) {
      const message = getMessage(this);
      const options = decimals === null || decimals === undefined ? {}
        : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
      const format = numberFormat(message, options);
      return finish(format.format(numeric(value, 'number')), message);
    },
    percent(value, decimals = 0) {
      const message = getMessage(this);
      const format = numberFormat(message, { style: 'percent',
        minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      return finish(format.format(numeric(value, 'percent')), message);
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
