#!/usr/bin/env node
// Formats a list of cases with the bundle's filters (lib/filters.mjs, on Intl) and prints
// the results as JSON, for tests/test_node_conformance.py to compare with the runtime's
// own formatting beyond the demo's samples.
//
//   node tests/node/formats.mjs CASES.json
//   CASES.json: [{"message": {"locale", "numbering", "channel"}, "filter", "args": [...]}]
import { readFileSync } from 'node:fs';

import { makeFilters } from './lib/filters.mjs';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = cases.map(({ message, filter, args }) => {
  const filters = makeFilters(() => message);
  try {
    return filters[filter](...args);
  } catch (error) {
    return `error: ${error.message}`;
  }
});
console.log(JSON.stringify(results));
