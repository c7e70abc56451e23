// SMS encoding and segments per GSM 03.38 (docs/project-format.md, "sms.txt").
const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
  + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '^{}\\[~]|€\f';
const GSM = new Map([...BASIC].map((ch) => [ch, 1]));
for (const ch of EXTENSION) GSM.set(ch, 2);

/** Cut units into parts of at most `size`, never splitting one character's units. */
function parts(costs, size) {
  const out = [];
  let current = 0;
  for (const cost of costs) {
    if (current + cost > size) { out.push(current); current = 0; }
    current += cost;
  }
  out.push(current);
  return out;
}

/** {encoding, segments, units, part_units} of a message text. */
export function analyze(text) {
  const chars = [...text];
  const gsm = chars.every((ch) => GSM.has(ch));
  const costs = gsm ? chars.map((ch) => GSM.get(ch)) : chars.map((ch) => ch.length);
  const units = costs.reduce((a, b) => a + b, 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const partUnits = units <= single ? [units] : parts(costs, multi);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', segments: partUnits.length, units,
    part_units: partUnits };
}
