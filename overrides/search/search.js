/* Changwat site search: Thai-aware, over the index changwat-search writes at build time in pieces
 * (search/<lang>/: manifest.json, s/<shard>.json, d/<page>.json; plugins/changwat/search/index.py says how).
 *
 * Only what a query needs is downloaded:
 * 1. the manifest (the shard keys) when the search opens;
 * 2. the shards of the query's words. Each space-separated part is cut into the site's own words (the build's
 *    newmm words, looked up in the shards: longest word first), so the query is cut as the pages were;
 *    Intl.Segmenter cuts what the site has no word for;
 * 3. a second round of at most 3 shards, for words found inside longer words (suffix pointers) or at their start;
 * 4. the records (text, section, date) of the 20 best candidates, which are ranked again on their text as the
 *    whole index used to be: whole-word matches above matches inside a word, titles above headings above body,
 *    pages with every word first, then words found side by side as typed;
 * 5. 10 results are shown; "more results" fetches the next records.
 * The boundaries of the build's words travel as U+200B, which never reaches the screen.
 *
 * Loaded by search/search.html on the first focus of the search box, its button, or the "/" key.
 */
(function () {
  "use strict";

  var BOUNDARY = /\u200b/g;
  var WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
  // The build's terms (index.py TERM): a Thai word, Thai digits, or letters and digits of another script.
  var TERM = /[\u0e01-\u0e4f\u0e5a\u0e5b]+|[\u0e50-\u0e59]+|(?:(?![\u0e00-\u0e7f])[\p{L}\p{N}])+/gu;
  var THAI = /^[\u0e01-\u0e4f\u0e5a\u0e5b]+$/;
  var FIELDS = [["t", 12], ["h", 5], ["x", 1]];
  var FIELD_BITS = [[1, 12], [2, 5], [4, 1]];
  var PAGE = 10;          // results shown at a time
  var RERANK = 20;        // candidates ranked again on their text
  var SECOND_ROUND = 3;   // shards fetched for words inside or at the start of longer words
  var MAX_WORDS = 6;
  var EXCERPT = 180;

  var box = document.querySelector("[data-changwat-search]");
  if (!box || box.changwatSearch) return;
  // For tests, the search without its display: box.changwatSearch.top(query, n) -> the first n result urls.
  box.changwatSearch = { top: function (query, n) {
    return ready.then(function () { return search(query); }).then(function (found) {
      return found ? found.results.slice(0, n).map(function (r) { return r.page.url; }) : [];
    });
  }, words: function (query) { return ready.then(function () { return parse(query); }); } };

  var toggle = document.getElementById("__search");
  var input = box.querySelector("[data-changwat-search-query]");
  var form = box.querySelector("[data-changwat-search-form]");
  var status = box.querySelector("[data-changwat-search-status]");
  var count = box.querySelector("[data-changwat-search-count]");
  var list = box.querySelector("[data-changwat-search-results]");
  var more = box.querySelector("[data-changwat-search-more]");
  var opener = document.querySelector("[data-changwat-search-open]");
  var lang = box.getAttribute("data-lang") || document.documentElement.lang || "th";
  var text = function (name) { return box.getAttribute("data-" + name) || ""; };
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(lang, { granularity: "word" }) : null;

  /* ---- the index, fetched piece by piece ---------------------------------------------------------------- */

  var folder = box.getAttribute("data-index").replace(/manifest\.json$/, "");
  var manifest = null, keys = null, longestKey = 0;
  var files = {}, fetched = [];

  function load(path) {
    if (!files[path]) {
      fetched.push(path);
      box.setAttribute("data-fetched", fetched.join(" "));  // for tests: what a query downloaded
      var version = manifest ? "?v=" + manifest.hash : "";
      files[path] = fetch(folder + path + version, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    return files[path];
  }

  // The shard of a text: the longest shard key that starts it (null: no word of the site starts so).
  function keyOf(s) {
    for (var n = Math.min(s.length, longestKey); n > 0; n--) if (keys.has(s.slice(0, n))) return s.slice(0, n);
    return null;
  }
  function shardPath(key) {
    return "s/" + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-") + ".json";
  }
  function shard(key) { return load(shardPath(key)); }

  var ready = load("manifest.json").then(function (m) {
    manifest = m;
    keys = new Set(m.shards);
    m.shards.forEach(function (k) { longestKey = Math.max(longestKey, k.length); });
  });

  /* ---- the query, cut into the site's words ---------------------------------------------------------------- */

  // The longest word of the site that starts s: in the shard of s, else in the shards of shorter keys (which
  // hold the words as long as their key).
  function longestWord(s) {
    var chain = [];
    for (var n = Math.min(s.length, longestKey); n > 0; n--) if (keys.has(s.slice(0, n))) chain.push(s.slice(0, n));
    function next(i) {
      if (i >= chain.length) return Promise.resolve(null);
      return shard(chain[i]).then(function (sh) {
        var best = null;
        for (var term in sh.t) if ((!best || term.length > best.length) && s.startsWith(term)) best = term;
        return best || next(i + 1);
      });
    }
    return next(0);
  }

  // The word Intl.Segmenter sees at position at of s (the rest of s without it).
  function unknownWord(s, at) {
    if (segmenter) {
      for (var seg of segmenter.segment(s)) {
        if (seg.index + seg.segment.length > at) return s.slice(at, seg.index + seg.segment.length);
      }
    }
    return s.slice(at);
  }

  function cut(run) {
    if (!THAI.test(run)) return Promise.resolve([run]);
    var words = [];
    function from(at) {
      if (at >= run.length) return Promise.resolve(words);
      return longestWord(run.slice(at)).then(function (word) {
        word = word || unknownWord(run, at);
        words.push(word);
        return from(at + word.length);
      });
    }
    return from(0);
  }

  function wordsOf(list) {
    return list.filter(function (w, i, all) { return (w.length > 1 || /\d/.test(w)) && all.indexOf(w) === i; });
  }

  // The query as groups: each space-separated part (a phrase), the words Intl.Segmenter finds in it (ranked as
  // the whole-index search ranked them), and its cut into the site's own words (which find the postings).
  function parse(query) {
    var clean = query.normalize("NFC").replace(BOUNDARY, "").toLowerCase().replace(/\s+/g, " ").trim();
    if (!clean) return Promise.resolve(null);
    var seen = 0;
    return Promise.all(clean.split(" ").map(function (part) {
      var runs = part.match(TERM) || [];
      return Promise.all(runs.map(cut)).then(function (cuts) {
        var site = wordsOf([].concat.apply([], cuts)), icu = [];
        if (segmenter) {
          for (var s of segmenter.segment(part)) if (s.isWordLike) icu.push(s.segment);
        }
        icu = wordsOf(icu);
        var words = icu.length ? icu : site.length ? site : [part];
        // Six words at most: a longer query costs shards and says no more about the page wanted.
        words = words.slice(0, Math.max(1, MAX_WORDS - seen));
        seen += words.length;
        return { phrase: part, words: words, cut: site.slice(0, MAX_WORDS) };
      });
    })).then(function (groups) { return { text: clean, groups: groups }; });
  }

  /* ---- candidates, from the postings ----------------------------------------------------------------------- */

  function matchWeight(term, word) {
    return term === word ? 1 : term.startsWith(word) || term.endsWith(word) ? 0.55 : 0.25;
  }

  // For each word: {page id: best contribution}, from every fetched term that holds the word.
  function postingsOf(word, shards) {
    var pages = new Map();
    shards.forEach(function (sh) {
      for (var term in sh.t) {
        if (!term.includes(word)) continue;
        var list = sh.t[term], id = 0, weight = matchWeight(term, word);
        for (var i = 0; i < list.length; i += 3) {
          id += list[i];
          var fields = 0;
          FIELD_BITS.forEach(function (f) { if (list[i + 1] & f[0]) fields += f[1]; });
          var value = fields * weight * (1 + 0.2 * Math.min(list[i + 2] - 1, 6));
          if (!(pages.get(id) >= value)) pages.set(id, value);
        }
      }
    });
    return pages;
  }

  function candidates(q) {
    // The words, and each phrase of several words: a phrase may be one word of the site (หน้ากาก inside
    // สวมหน้ากาก) even where its pieces are other words.
    var words = [], looked = [];
    function add(w) { if (looked.indexOf(w) === -1) looked.push(w); }
    q.groups.forEach(function (g) { g.words.forEach(add); });
    words = looked.slice();
    q.groups.forEach(function (g) {
      // The site's own words of the query score the pages that have them, as the build cut them.
      g.cut.forEach(add);
      if (g.words.length > 1) add(g.phrase);
    });
    var first = {};
    looked.forEach(function (w) { var k = keyOf(w); if (k) first[w] = k; });
    return Promise.all(looked.map(function (w) { return first[w] ? shard(first[w]) : null; })).then(function (shards) {
      // Second round: shards of words that hold a phrase, then of longer words that start with a word, then of
      // words that hold a word (suffix pointers, the most frequent first); three at most for the whole query.
      var priority = {};
      function want(key, tier, df) {
        var p = priority[key] || [0, 0];
        priority[key] = [Math.max(p[0], tier), p[1] + df];
      }
      looked.forEach(function (w, i) {
        // A phrase first, then the words ranked, then the site's words (which only add to the score).
        var tier = q.groups.some(function (g) { return g.words.length > 1 && g.phrase === w; }) ? 4 : i < words.length ? 2 : 0;
        manifest.shards.forEach(function (k) { if (k.length > w.length && k.startsWith(w)) want(k, tier + 1, 0); });
        if (!shards[i]) return;
        shards[i].i.forEach(function (p) { if (p[0].indexOf(w, 1) > 0) want(p[1], tier, p[2]); });
      });
      var own = new Set(Object.values(first));
      var second = Object.keys(priority).filter(function (k) { return !own.has(k); }).sort(function (a, b) {
        return priority[b][0] - priority[a][0] || priority[b][1] - priority[a][1] || (a < b ? -1 : 1);
      }).slice(0, SECOND_ROUND);
      return Promise.all(second.map(shard)).then(function (extra) {
        var all = shards.filter(Boolean).concat(extra);
        var found = {}, idf = {}, n = manifest.pages;
        looked.forEach(function (w) {
          found[w] = postingsOf(w, all);
          idf[w] = Math.log(1 + n / (1 + found[w].size));
        });
        q.groups.forEach(function (g) {
          if (g.phrase in idf) return;
          // A phrase of one word is that word; elsewhere it is on at most the pages with all its words.
          var df = 0;
          found[g.words[0]].forEach(function (_, id) { if (g.words.every(function (w) { return found[w].has(id); })) df++; });
          idf[g.phrase] = Math.log(1 + n / (1 + df));
        });
        var pages = new Map();
        function page(id) {
          if (!pages.has(id)) pages.set(id, { id: id, covered: 0, phrases: 0, score: 0 });
          return pages.get(id);
        }
        q.groups.forEach(function (g) {
          var here = new Map();  // page id -> words of this group it has
          g.words.forEach(function (w) {
            found[w].forEach(function (value, id) {
              here.set(id, (here.get(id) || 0) + 1);
              page(id).score += value * idf[w];
            });
          });
          // A page holding the phrase inside one word has all its words, whatever its pieces are.
          if (g.words.length > 1) found[g.phrase].forEach(function (value, id) {
            here.set(id, g.words.length);
            page(id).phrases++;
            page(id).score += value * idf[g.phrase] * 2;
          });
          // A word no term holds (PM2.5 is pm2 and 5): a page with all the site's words of the phrase may well
          // have it, and its record will tell.
          var lost = g.words.some(function (w) { return !found[w].size; });
          if (lost && g.cut.length > 1) found[g.cut[0]].forEach(function (_, id) {
            if (g.cut.every(function (w) { return found[w].has(id); })) here.set(id, Math.max(here.get(id) || 0, g.words.length));
          });
          here.forEach(function (n, id) { page(id).covered += n; });
          g.cut.forEach(function (w) {
            if (g.words.indexOf(w) === -1) found[w].forEach(function (value, id) { page(id).score += value * idf[w]; });
          });
        });
        // Pages with only the site's words of the query and none of its words are not answers.
        var ranked = Array.from(pages.values()).filter(function (c) { return c.covered; }).sort(function (a, b) {
          return (b.covered - a.covered) || (b.phrases - a.phrases) || (b.score - a.score) || (a.id - b.id);
        });
        return { ranked: ranked, idf: idf };
      });
    });
  }

  /* ---- ranking on the records' text (the whole-index ranking, unchanged) -------------------------------------- */

  // One field's text without U+200B, lower-cased for matching, and the positions where words begin or end.
  function prepare(marked) {
    var plain = "", bounds = new Set(), i;
    marked = marked || "";
    for (i = 0; i < marked.length; i++) {
      if (marked[i] === "\u200b") bounds.add(plain.length);
      else plain += marked[i];
    }
    return { plain: plain, lower: plain.toLowerCase(), bounds: bounds };
  }

  function record(id) {
    return load("d/" + id + ".json").then(function (d) {
      return { url: d.u, t: prepare(d.t), h: prepare(d.h), x: prepare(d.x), section: d.s || "", date: d.d || "" };
    });
  }

  function isBoundary(field, at) {
    var s = field.plain;
    return at <= 0 || at >= s.length || field.bounds.has(at) ||
      !WORD_CHAR.test(s[at - 1]) || !WORD_CHAR.test(s[at]) ||
      // A letter next to a digit, or Latin next to Thai, is a boundary too.
      (/\d/.test(s[at - 1]) !== /\d/.test(s[at])) || (/[\u0e00-\u0e7f]/.test(s[at - 1]) !== /[\u0e00-\u0e7f]/.test(s[at]));
  }

  // How well a field contains a term: whole-word occurrences count fully, occurrences inside a word partly.
  function fieldScore(field, term) {
    var at = field.lower.indexOf(term), best = 0, rest = 0, seen = 0, weight;
    while (at !== -1 && seen < 20) {
      var start = isBoundary(field, at), end = isBoundary(field, at + term.length);
      weight = start && end ? 1 : start || end ? 0.55 : 0.25;
      if (weight > best) { rest += best; best = weight; } else { rest += weight; }
      seen++;
      at = field.lower.indexOf(term, at + term.length);
    }
    return seen ? best + 0.2 * Math.min(rest, 6) : 0;
  }

  function pageScore(page, term) {
    var score = 0;
    FIELDS.forEach(function (f) { score += f[1] * fieldScore(page[f[0]], term); });
    return score;
  }

  function rank(q, page, idf) {
    var total = q.groups.reduce(function (n, g) { return n + g.words.length; }, 0);
    var covered = 0, score = 0, phrases = 0, marked = [];
    q.groups.forEach(function (g) {
      var phrase = pageScore(page, g.phrase);
      if (phrase) {
        covered += g.words.length;
        marked.push(g.phrase);
        if (g.words.length > 1) phrases++;
        score += phrase * idf[g.phrase] * (g.words.length > 1 ? 2 : 1.2);
        return;
      }
      g.words.forEach(function (w) {
        var s = pageScore(page, w);
        if (s) { covered++; score += s * idf[w]; marked.push(w); }
      });
    });
    if (q.groups.length > 1) score += 2 * pageScore(page, q.text);
    return { page: page, covered: covered, all: covered === total, phrases: phrases, score: score, terms: longestFirst(marked) };
  }

  // Every word first; then words as typed together ("12/2569", Thai words without spaces), then the score.
  function byRank(a, b) { return (b.all - a.all) || (b.phrases - a.phrases) || (b.score - a.score); }

  function search(query) {
    return parse(query).then(function (q) {
      if (!q) return null;
      return candidates(q).then(function (c) {
        var top = c.ranked.slice(0, RERANK);
        return Promise.all(top.map(function (p) { return record(p.id); })).then(function (pages) {
          var results = pages.map(function (page) { return rank(q, page, c.idf); }).filter(function (r) { return r.covered; }).sort(byRank);
          return { q: q, idf: c.idf, results: results, rest: c.ranked.slice(RERANK), total: c.ranked.length };
        });
      });
    });
  }

  // The words to highlight on a page: those it matched (a phrase found whole is not highlighted word by word).
  function longestFirst(words) {
    return words.filter(function (t, i) { return words.indexOf(t) === i; }).sort(function (a, b) { return b.length - a.length; });
  }

  /* ---- showing results --------------------------------------------------------------------------------------- */

  // Ranges of the terms in a text, longest term first, without overlaps.
  function ranges(lower, from, to, termList) {
    var found = [];
    termList.forEach(function (term) {
      var at = lower.indexOf(term, from);
      while (at !== -1 && at < to) {
        var end = at + term.length;
        if (!found.some(function (r) { return at < r[1] && end > r[0]; })) found.push([at, end]);
        at = lower.indexOf(term, end);
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  // Appends text[from, to) to an element, the matched words in <mark>.
  function highlighted(element, field, from, to, termList) {
    var at = from;
    ranges(field.lower, from, to, termList).forEach(function (r) {
      var start = Math.max(r[0], from), end = Math.min(r[1], to);
      if (start < at) return;
      element.appendChild(document.createTextNode(field.plain.slice(at, start)));
      var mark = document.createElement("mark");
      mark.textContent = field.plain.slice(start, end);
      element.appendChild(mark);
      at = end;
    });
    element.appendChild(document.createTextNode(field.plain.slice(at, to)));
    return element;
  }

  // A readable stretch of the body around the first match, cut at word boundaries.
  function excerpt(field, termList) {
    var first = -1;
    termList.some(function (term) { first = field.lower.indexOf(term); return first !== -1; });
    if (first === -1) first = 0;
    var start = Math.max(0, first - EXCERPT / 3), end = Math.min(field.plain.length, start + EXCERPT);
    while (start > 0 && !isBoundary(field, start)) start--;
    while (end < field.plain.length && !isBoundary(field, end)) end++;
    var p = document.createElement("p");
    p.className = "changwat-search__excerpt";
    if (start > 0) p.appendChild(document.createTextNode("… "));
    highlighted(p, field, start, end, termList);
    if (end < field.plain.length) p.appendChild(document.createTextNode(" …"));
    // Blocks of the page are joined by line breaks in the index; one line reads better here.
    p.normalize();
    p.childNodes.forEach(function (n) { if (n.nodeType === 3) n.nodeValue = n.nodeValue.replace(/\n/g, " "); });
    return p;
  }

  function item(result, root) {
    var page = result.page, li = document.createElement("li"), a = document.createElement("a");
    var article = document.createElement("article"), title = document.createElement("p");
    li.className = "md-search-result__item";
    a.className = "md-search-result__link";
    a.href = root + page.url;
    article.className = "md-search-result__article md-typeset";
    title.className = "changwat-search__title";
    highlighted(title, page.t, 0, page.t.plain.length, result.terms);
    article.appendChild(title);
    if (page.section || page.date) {
      // Where the page sits and when it was published: a news item of 2569 is not a notice of 2566.
      var where = document.createElement("p");
      where.className = "changwat-search__where";
      if (page.section) {
        var section = document.createElement("span");
        section.className = "changwat-search__section";
        section.textContent = page.section;
        where.appendChild(section);
      }
      if (page.date) {
        var date = document.createElement("span");
        date.className = "changwat-search__date";
        date.textContent = page.date;
        where.appendChild(date);
      }
      article.appendChild(where);
    }
    var body = page.x.plain ? page.x : page.h;
    if (body.plain) article.appendChild(excerpt(body, result.terms));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  var root = (box.getAttribute("data-root") || ".").replace(/\/?$/, "/");
  var announceTimer = null, shown = "", asked = 0, current = null;

  // The count is seen at once; screen readers hear it (role=status) once the citizen pauses, not on every key.
  function tell(message) {
    count.textContent = message;
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () { status.textContent = message; }, 350);
  }

  function append(results) {
    var divider = list.querySelector(".changwat-search__divider");
    results.forEach(function (r) {
      if (!r.all && !divider && current.first.all) {
        divider = document.createElement("li");
        divider.className = "changwat-search__divider";
        divider.textContent = text("some-words");
        list.appendChild(divider);
      }
      list.appendChild(item(r, root));
    });
    current.shown += results.length;
    more.hidden = current.shown >= current.total;
  }

  function render() {
    var query = input.value;
    if (query === shown && manifest) return;
    shown = query;
    var mine = ++asked;
    if (!query.trim()) { list.textContent = ""; more.hidden = true; tell(text("prompt")); return; }
    if (!manifest) { count.textContent = status.textContent = text("loading"); return; }
    search(query).then(function (found) {
      if (mine !== asked) return;  // a newer query has been typed meanwhile
      list.textContent = "";
      var results = found ? found.results : [];
      current = { q: found && found.q, idf: found && found.idf, waiting: results.slice(PAGE),
                  rest: found ? found.rest : [], total: found ? found.total : 0, shown: 0, first: results[0] };
      append(results.slice(0, PAGE));
      box.setAttribute("data-rendered-query", query);  // for tests: the list now answers this query
      var n = current.total;
      tell(n === 0 ? text("none") : n === 1 ? text("found-one") : text("found").replace("{n}", n));
    }, function () {
      if (mine === asked) count.textContent = status.textContent = text("failed");
    });
  }

  // The next results: those already ranked on their text, then the next candidates' records.
  function showMore() {
    var mine = asked, state = current;
    var next = state.waiting.splice(0, PAGE);
    var wanted = state.rest.splice(0, PAGE - next.length);
    Promise.all(wanted.map(function (p) { return record(p.id); })).then(function (pages) {
      if (mine !== asked) return;
      var firstNew = list.querySelectorAll(".md-search-result__item").length;
      append(next.concat(pages.map(function (page) { return rank(state.q, page, state.idf); })
        .filter(function (r) { return r.covered; }).sort(byRank)));
      var link = list.querySelectorAll(".md-search-result__item a")[firstNew];
      if (link) link.focus();  // on to the first new result, as the button itself may now be hidden
    }, function () { count.textContent = status.textContent = text("failed"); });
  }

  /* ---- opening, closing and the keyboard -------------------------------------------------------------------- */

  function close(returnFocus) {
    toggle.checked = false;
    if (returnFocus) (opener && opener.offsetParent ? opener : input).focus();
    if (!returnFocus && document.activeElement === input) input.blur();
  }

  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(render, 80); });
  input.addEventListener("focus", function () { toggle.checked = true; });
  more.addEventListener("click", showMore);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) first.focus();
  });
  box.querySelectorAll("[data-changwat-search-close]").forEach(function (el) {
    el.addEventListener("click", function () { close(el.tagName === "BUTTON"); });
  });
  box.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!more.hidden) links.push(more);
    var at = links.indexOf(document.activeElement);
    if (e.key === "Escape") { e.preventDefault(); close(true); }
    else if (e.key === "ArrowDown" && links.length) { e.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
    else if (e.key === "ArrowUp" && at !== -1) { e.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
  });
  // Focus leaving the search (Tab past the last result) closes it, as a menu would.
  box.addEventListener("focusout", function (e) {
    if (e.relatedTarget && !box.contains(e.relatedTarget) && e.relatedTarget !== opener) close(false);
  });
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });

  ready.then(function () { shown = null; render(); }, function () { count.textContent = status.textContent = text("failed"); });
  render();
})();
