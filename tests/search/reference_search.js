/* The whole-index search as it was before the index was split (FORMAT 1, search.js up to 85d0e17), kept as the
 * reference that tests/search/test_shards.py compares the sharded search against. Scoring unchanged; only the
 * page's display code is left out.
 *
 *   node reference_search.js <index.json> <queries.json> [top]  ->  {"query": ["url", ...], ...}
 */
"use strict";
const fs = require("fs");

const BOUNDARY = /\u200b/g;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const FIELDS = [["t", 12], ["h", 5], ["x", 1]];

function prepare(marked) {
  let plain = "";
  const bounds = new Set();
  for (let i = 0; i < marked.length; i++) {
    if (marked[i] === "\u200b") bounds.add(plain.length);
    else plain += marked[i];
  }
  return { plain, lower: plain.toLowerCase(), bounds };
}

function isBoundary(field, at) {
  const s = field.plain;
  return at <= 0 || at >= s.length || field.bounds.has(at) ||
    !WORD_CHAR.test(s[at - 1]) || !WORD_CHAR.test(s[at]) ||
    (/\d/.test(s[at - 1]) !== /\d/.test(s[at])) || (/[\u0e00-\u0e7f]/.test(s[at - 1]) !== /[\u0e00-\u0e7f]/.test(s[at]));
}

function fieldScore(field, term) {
  let at = field.lower.indexOf(term), best = 0, rest = 0, seen = 0, weight;
  while (at !== -1 && seen < 20) {
    const start = isBoundary(field, at), end = isBoundary(field, at + term.length);
    weight = start && end ? 1 : start || end ? 0.55 : 0.25;
    if (weight > best) { rest += best; best = weight; } else { rest += weight; }
    seen++;
    at = field.lower.indexOf(term, at + term.length);
  }
  return seen ? best + 0.2 * Math.min(rest, 6) : 0;
}

function pageScore(page, term) {
  let score = 0;
  FIELDS.forEach((f) => { score += f[1] * fieldScore(page[f[0]], term); });
  return score;
}

function parse(query, segmenter) {
  const clean = query.normalize("NFC").replace(BOUNDARY, "").toLowerCase().replace(/\s+/g, " ").trim();
  if (!clean) return null;
  const groups = clean.split(" ").map((part) => {
    let words = [];
    for (const s of segmenter.segment(part)) {
      if (s.isWordLike && (s.segment.length > 1 || /\d/.test(s.segment))) words.push(s.segment);
    }
    if (!words.length) words = [part];
    return { phrase: part, words };
  });
  return { text: clean, groups };
}

function search(pages, query, segmenter) {
  const q = parse(query, segmenter);
  if (!q) return [];
  const idf = {};
  q.groups.forEach((g) => {
    g.words.concat([g.phrase]).forEach((w) => {
      if (w in idf) return;
      let df = 0;
      pages.forEach((p) => { if (p.t.lower.includes(w) || p.h.lower.includes(w) || p.x.lower.includes(w)) df++; });
      idf[w] = Math.log(1 + pages.length / (1 + df));
    });
  });
  const total = q.groups.reduce((n, g) => n + g.words.length, 0);
  const results = [];
  pages.forEach((page) => {
    let covered = 0, score = 0, phrases = 0;
    q.groups.forEach((g) => {
      const phrase = pageScore(page, g.phrase);
      if (phrase) {
        covered += g.words.length;
        if (g.words.length > 1) phrases++;
        score += phrase * idf[g.phrase] * (g.words.length > 1 ? 2 : 1.2);
        return;
      }
      g.words.forEach((w) => {
        const s = pageScore(page, w);
        if (s) { covered++; score += s * idf[w]; }
      });
    });
    if (q.groups.length > 1) score += 2 * pageScore(page, q.text);
    if (covered) results.push({ page, all: covered === total, phrases, score });
  });
  results.sort((a, b) => (b.all - a.all) || (b.phrases - a.phrases) || (b.score - a.score));
  return results;
}

const [indexFile, queriesFile, top] = process.argv.slice(2);
const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const pages = index.pages.map((p) => ({ url: p.u, t: prepare(p.t), h: prepare(p.h), x: prepare(p.x) }));
const segmenter = new Intl.Segmenter(index.lang, { granularity: "word" });
const out = {};
for (const query of JSON.parse(fs.readFileSync(queriesFile, "utf8"))) {
  out[query] = search(pages, query, segmenter).slice(0, Number(top || 5)).map((r) => r.page.url);
}
process.stdout.write(JSON.stringify(out));
