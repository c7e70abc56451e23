#!/usr/bin/env node
// Runs a Missive bundle's SMS and WhatsApp goldens with JavaScript's Intl and nunjucks,
// written from docs/bundle-format.md alone, to show the bundle is language-neutral.
//
//   node tests/node/conformance.mjs BUNDLE_FOLDER
//
// Prints each mismatch with what differs, then "sms: N/N matched, whatsapp: N/N matched";
// exits 1 on any mismatch, 2 on a bad argument.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Renderer, sendPayload } from './lib/render.mjs';

const COMPARED = {
  sms: ['text', 'encoding', 'segments', 'units', 'part_units'],
  whatsapp: ['header', 'body', 'footer', 'buttons', 'parameters'],
};

/** JSON with the invisible characters spelled out, so a diff shows them. */
function show(value) {
  return JSON.stringify(value).replace(/[\u00a0\u200e\u200f\u202f\u2066-\u2069]/gu,
    (ch) => `\\u${ch.codePointAt(0).toString(16).padStart(4, '0')}`);
}

/** A short diff: where two strings part, or the two JSON values. */
function diff(key, expected, actual) {
  if (typeof expected === 'string' && typeof actual === 'string') {
    const a = [...expected];
    const b = [...actual];
    let i = 0;
    while (i < a.length && a[i] === b[i]) i += 1;
    const from = Math.max(0, i - 20);
    return `  ${key} differs at character ${i}:\n`
      + `    expected ${show(a.slice(from, i + 30).join(''))}\n`
      + `    got      ${show(b.slice(from, i + 30).join(''))}`;
  }
  return `  ${key} differs:\n    expected ${show(expected)}\n    got      ${show(actual)}`;
}

function equal(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function main(argv) {
  if (argv.length !== 1) {
    console.error('usage: node conformance.mjs BUNDLE_FOLDER');
    return 2;
  }
  const root = argv[0];
  const read = (path) => readFileSync(join(root, path), 'utf8');
  const manifest = JSON.parse(read('manifest.json'));
  const samples = new Map(manifest.samples.map((s) => [s.name, JSON.parse(read(s.path))]));
  const renderer = new Renderer(manifest);
  const counts = { sms: [0, 0], whatsapp: [0, 0] };
  const failures = [];

  for (const template of manifest.templates) {
    for (const golden of template.golden) {
      const { channel } = golden;
      if (!(channel in COMPARED)) continue;
      const where = `${template.id}/${golden.locale}/${channel}/${golden.sample}`;
      const variant = template.locales[golden.locale][channel];
      const data = samples.get(golden.sample);
      const expected = JSON.parse(read(golden.files.json.path));
      const problems = [];
      try {
        let actual;
        if (channel === 'sms') {
          actual = renderer.sms(read(variant.files.sms.path), data, variant.message);
        } else {
          const doc = JSON.parse(read(variant.files.whatsapp.path));
          actual = renderer.whatsapp(doc, data, variant.message);
          const stored = JSON.parse(read(golden.files.send.path));
          const body = sendPayload(actual, template.id, stored.to);
          if (!equal(body, stored)) problems.push(diff('whatsapp.send.json', stored, body));
        }
        for (const key of COMPARED[channel]) {
          if (!equal(expected[key], actual[key])) {
            problems.unshift(diff(key, expected[key], actual[key]));
          }
        }
      } catch (error) {
        problems.push(`  render failed: ${error.message}`);
      }
      counts[channel][1] += 1;
      if (problems.length) failures.push(`MISMATCH ${where}\n${problems.join('\n')}`);
      else counts[channel][0] += 1;
    }
  }
  for (const failure of failures) console.log(failure);
  console.log(`ICU ${process.versions.icu}, CLDR ${process.versions.cldr}`);
  console.log(`sms: ${counts.sms[0]}/${counts.sms[1]} matched, `
    + `whatsapp: ${counts.whatsapp[0]}/${counts.whatsapp[1]} matched`);
  return failures.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
