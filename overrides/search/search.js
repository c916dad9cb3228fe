/* Changwat site search: Thai-aware, for the index that changwat-search writes at build time (search/<lang>.json).
 *
 * Thai has no spaces between words, and a dictionary never knows every word (names, loanwords, compounds), so the
 * query is matched on character sequences rather than on whole dictionary words. The index carries the build's
 * word boundaries (PyThaiNLP newmm) as U+200B: a match that starts and ends on a boundary ranks above one inside a
 * longer word. The query is cut with the browser's Intl.Segmenter, so words typed together without spaces are
 * found one by one when the page does not have them side by side. Pages with every word rank above pages with
 * some; titles above headings above body text. U+200B never reaches the screen.
 *
 * Loaded by search/search.html on the first focus of the search box, its button, or the "/" key.
 */
(function () {
  "use strict";

  var BOUNDARY = /\u200b/g;
  var WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
  var FIELDS = [["t", 12], ["h", 5], ["x", 1]];
  var MAX_RESULTS = 30;
  var EXCERPT = 180;

  var box = document.querySelector("[data-changwat-search]");
  if (!box || box.changwatSearch) return;
  box.changwatSearch = true;

  var toggle = document.getElementById("__search");
  var input = box.querySelector("[data-changwat-search-query]");
  var form = box.querySelector("[data-changwat-search-form]");
  var status = box.querySelector("[data-changwat-search-status]");
  var list = box.querySelector("[data-changwat-search-results]");
  var opener = document.querySelector("[data-changwat-search-open]");
  var lang = box.getAttribute("data-lang") || document.documentElement.lang || "th";
  var text = function (name) { return box.getAttribute("data-" + name) || ""; };
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(lang, { granularity: "word" }) : null;

  /* ---- the index ------------------------------------------------------------------------------------------ */

  // One field's text without U+200B, lower-cased for matching, and the positions where words begin or end.
  function prepare(marked) {
    var plain = "", bounds = new Set(), i;
    for (i = 0; i < marked.length; i++) {
      if (marked[i] === "\u200b") bounds.add(plain.length);
      else plain += marked[i];
    }
    return { plain: plain, lower: plain.toLowerCase(), bounds: bounds };
  }

  var pages = null;
  var ready = fetch(box.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (index) {
      pages = index.pages.map(function (page) {
        return { url: page.u, t: prepare(page.t), h: prepare(page.h), x: prepare(page.x) };
      });
    });

  /* ---- matching -------------------------------------------------------------------------------------------- */

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

  // The query as groups: each space-separated part, and the words Intl.Segmenter finds in it.
  function parse(query) {
    var clean = query.normalize("NFC").replace(BOUNDARY, "").toLowerCase().replace(/\s+/g, " ").trim();
    if (!clean) return null;
    var groups = clean.split(" ").map(function (part) {
      var words = [];
      if (segmenter) {
        for (var s of segmenter.segment(part)) {
          if (s.isWordLike && (s.segment.length > 1 || /\d/.test(s.segment))) words.push(s.segment);
        }
      }
      if (!words.length) words = [part];
      return { phrase: part, words: words };
    });
    return { text: clean, groups: groups };
  }

  function search(query) {
    var q = parse(query);
    if (!q || !pages) return null;
    // Rarer words weigh more: a word on every page says little about which page is wanted.
    var idf = {};
    q.groups.forEach(function (g) {
      g.words.concat([g.phrase]).forEach(function (w) {
        if (w in idf) return;
        var df = 0;
        pages.forEach(function (p) { if (p.t.lower.includes(w) || p.h.lower.includes(w) || p.x.lower.includes(w)) df++; });
        idf[w] = Math.log(1 + pages.length / (1 + df));
      });
    });
    var total = q.groups.reduce(function (n, g) { return n + g.words.length; }, 0);
    var results = [];
    pages.forEach(function (page) {
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
      if (covered) results.push({ page: page, all: covered === total, phrases: phrases, score: score, terms: longestFirst(marked) });
    });
    // Every word first; then words as typed together ("12/2569", Thai words without spaces), then the score.
    results.sort(function (a, b) { return (b.all - a.all) || (b.phrases - a.phrases) || (b.score - a.score); });
    return results;
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
    var body = page.x.plain ? page.x : page.h;
    if (body.plain) article.appendChild(excerpt(body, result.terms));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  var root = (box.getAttribute("data-root") || ".").replace(/\/?$/, "/");
  var announceTimer = null, shown = "";

  function announce(message) {
    // Screen readers hear the count once the citizen pauses, not on every key.
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () { status.textContent = message; }, 350);
  }

  function render() {
    var query = input.value;
    if (query === shown && pages) return;
    shown = query;
    list.textContent = "";
    if (!query.trim()) { announce(text("prompt")); return; }
    if (!pages) { status.textContent = text("loading"); return; }
    var results = search(query) || [];
    var partialShown = false;
    results.slice(0, MAX_RESULTS).forEach(function (r) {
      if (!r.all && !partialShown && results[0].all) {
        var divider = document.createElement("li");
        divider.className = "changwat-search__divider";
        divider.textContent = text("some-words");
        list.appendChild(divider);
        partialShown = true;
      }
      list.appendChild(item(r, root));
    });
    box.setAttribute("data-rendered-query", query);  // for tests: the list now answers this query
    announce(results.length === 0 ? text("none")
      : results.length === 1 ? text("found-one") : text("found").replace("{n}", results.length));
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

  ready.then(function () { shown = null; render(); }, function () { status.textContent = text("failed"); });
  render();
})();
