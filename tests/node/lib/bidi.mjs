// Direction of a value, isolates, tidy_urls and the right-to-left mark rule, as
// docs/bundle-format.md ("Rendering with another Jinja-compatible engine") describes them.
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

export const LRI = '\u2066';
export const RLI = '\u2067';
export const FSI = '\u2068';
export const PDI = '\u2069';
export const RLM = '\u200f';
const ISOLATES = /[\u2066-\u2069]/gu;

/** The Unicode bidi class of one character ("L", "R", "AL", "EN", ...). */
export function bidiClass(ch) {
  return bidi.getBidiCharTypeName(ch);
}

/** "ltr", "rtl" or null: the first strong character decides; a digit alone means ltr. */
export function direction(text) {
  let digit = false;
  for (const ch of text) {
    const cls = bidiClass(ch);
    if (cls === 'L') return 'ltr';
    if (cls === 'R' || cls === 'AL') return 'rtl';
    if (cls === 'EN' || cls === 'AN') digit = true;
  }
  return digit ? 'ltr' : null;
}

/** Finalize: isolate a value whose direction differs from the message's. */
export function isolate(s, rtl) {
  if (s.trim() === '' || /[\u2066-\u2069]/u.test(s)) return s;
  const dir = direction(s);
  if (rtl && dir === 'ltr') return LRI + s + PDI;
  if (!rtl && dir === 'rtl') return RLI + s + PDI;
  return s;
}

export function stripIsolates(s) {
  return s.replace(ISOLATES, '');
}

const URL_RUN = /[\u2066-\u2068]?(?:https?:\/\/|www\.)[^\s<>"'\u2066\u2067\u2068]*(?:[\u2066-\u2069][^\s<>"']*)*/giu;
const TRAILING = /[.,;:!?)]+$/u;

/** Keep URLs whole: no isolates inside, trailing punctuation outside, LTR-isolated in RTL. */
export function tidyUrls(text, rtl) {
  return text.replace(URL_RUN, (match) => {
    const opens = (match.match(/[\u2066-\u2068]/gu) || []).length;
    const closes = (match.match(/\u2069/gu) || []).length;
    let url = stripIsolates(match);
    const trail = (url.match(TRAILING) || [''])[0];
    url = url.slice(0, url.length - trail.length);
    const surplus = opens - closes;
    const before = surplus > 0 ? LRI.repeat(surplus) : '';
    const after = surplus < 0 ? PDI.repeat(-surplus) : '';
    return before + (rtl ? LRI + url + PDI : url) + trail + after;
  });
}

/** First strong direction of a line, skipping what is inside isolates. */
function lineDirection(line) {
  let depth = 0;
  for (const ch of line) {
    if (ch === LRI || ch === RLI || ch === FSI) { depth += 1; continue; }
    if (ch === PDI) { depth = Math.max(0, depth - 1); continue; }
    if (depth) continue;
    const cls = bidiClass(ch);
    if (cls === 'L') return 'ltr';
    if (cls === 'R' || cls === 'AL') return 'rtl';
  }
  return null;
}

/** In RTL, a line that starts with a left-to-right word gets U+200F in front. */
export function withBaseDirection(text, rtl) {
  if (!rtl) return text;
  return text.split('\n').map((line) => (lineDirection(line) === 'ltr' ? RLM + line : line))
    .join('\n');
}
