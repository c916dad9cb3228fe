"""The search index of one language, in pieces (FORMAT 2): the browser fetches only what a query needs.

    search/<lang>/manifest.json   {"v", "lang", "pages", "shards": [keys], "hash"}
    search/<lang>/s/<name>.json   one shard: {"k": key, "t": {term: postings}, "i": [[term, home key, df], ...]}
    search/<lang>/d/<id>.json     one page's display record: {"u", "t", "h", "x" (words marked), "s", "d"}

Terms are the build's own words, lower-cased: each newmm word of a Thai run (segment.mark_words) and each
[^\\W_]+ piece of everything else (numbers, Latin). A term lives in the shard of the longest shard key that
starts it; keys are split from one character upwards while a shard is above TARGET bytes gzipped, so common
first letters get long keys and rare ones stay whole.

Postings: for each page, the page id as a delta from the previous one, a field mask (1 title, 2 headings,
4 body) and the term's frequency capped at 15; no positions (the browser re-ranks its best candidates on their
records, where phrases and excerpts are found).

Suffix pointers ("i") keep matches inside a word: a Thai query such as หน้ากาก is only ever the end of a longer
newmm word (สวมหน้ากาก...). For each term, every suffix that starts a Thai character cluster (a consonant or a
leading vowel) and is at least two characters long is pointed to from the shard of that suffix's key, naming
the term, its home shard and how many pages have it. The browser reads the pointers of its word's shard and
fetches at most three home shards (the most frequent terms) in a second round.
"""

from __future__ import annotations

import bisect
import operator
import hashlib
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass

from changwat.search.extract import PageText
from changwat.search.segment import THAI_RUN, mark_words

FORMAT = 2
TARGET = 10_000          # bytes gzipped; a shard holding a single term may be larger
TF_CAP = 15
FIELD_BITS = (("t", 1), ("h", 2), ("x", 4))
# A Thai word (one U+200B-free Thai run of the marked text: mark_words puts U+200B between words), Thai digits,
# or a piece of letters and digits of any other script.
TERM = re.compile(THAI_RUN.pattern + r"|[\u0e50-\u0e59]+|[^\W_\u0e00-\u0e7f]+")
# Where a Thai character cluster can start: a consonant or a leading vowel (never a mark or a following vowel).
CLUSTER_START = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44]")
MIN_SUFFIX = 2


@dataclass
class Entry:
    url: str        # relative to the site's root, as MkDocs writes page.url ("" is the home page)
    text: PageText
    section: str = ""   # the name of the page's section (news...) in the page's language; "" for other pages
    date: str = ""      # the item's date as the page's language reads it (Buddhist era in Thai); "" if undated


def terms(marked: str) -> list[str]:
    """The indexed words of a marked text, in order, lower-cased."""
    return TERM.findall(marked.lower())


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _quoted(word: str) -> str:
    """A term, or a piece of one, as JSON: TERM's words are letters, marks and digits only (nothing JSON escapes
    when ensure_ascii is off: no quote, backslash or control character), so quotes are all they need."""
    return f'"{word}"'


def _gz_estimate(text: str) -> int:
    """A shard's gzipped size at level 9 (the most a server would do), from above, without level 9's time (it
    takes 25 times as long as level 1 on these files: postings are long runs of small numbers). Level 1 sizes
    everything; the few buckets it leaves in doubt are sized again at level 6. On the 2,705 buckets of the
    2,000-page synthetic site (benchmarks/synthetic.py) level 9 was at most 2.6 % above level 1 and 1.0 % above
    level 6, and never less than level 1 / 1.9: hence the margins."""
    data = text.encode("utf-8")
    fast = len(zlib.compress(data, 1, wbits=31))
    if fast + fast // 32 <= TARGET or fast > 2 * TARGET:
        return fast + fast // 32
    slower = len(zlib.compress(data, 6, wbits=31))
    return slower + slower // 50


def shard_name(key: str) -> str:
    """A shard's file name: the key's code points in hex (ASCII only, for every server and deploy tool)."""
    return "-".join(f"{ord(c):x}" for c in key)


def _suffixes(term: str) -> list[str]:
    if term.isascii():
        return []
    return [term[m.start():] for m in CLUSTER_START.finditer(term, 1) if len(term) - m.start() >= MIN_SUFFIX]


@dataclass(eq=False)
class _Page:
    """What one page gives the index, made once per page content: its display record and its terms' stats."""
    record: str
    stats: dict[str, str]   # term -> "field mask,frequency capped at TF_CAP", as its postings write them


def _page(entry: Entry) -> _Page:
    fields = {"t": mark_words(entry.text.title), "h": mark_words("\n".join(entry.text.headings)),
              "x": mark_words(entry.text.body)}
    record = {"u": entry.url, **fields}
    if entry.section:
        record["s"] = entry.section
    if entry.date:
        record["d"] = entry.date
    counts: dict[str, int] = {}
    masks: dict[str, int] = {}
    for name, bit in FIELD_BITS:
        for term, count in Counter(terms(fields[name])).items():
            counts[term] = counts.get(term, 0) + count
            masks[term] = masks.get(term, 0) | bit
    return _Page(_dump(record), {term: _STATS[masks[term], min(count, TF_CAP)] for term, count in counts.items()})


_STATS = {(mask, tf): f"{mask},{tf}" for mask in range(8) for tf in range(TF_CAP + 1)}


_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)
# Above this many characters of JSON a bucket is far above TARGET gzipped (none of the synthetic site's compressed
# more than 9.2 times): no need to compress it to know. Were one to fit, it would only be split once more.
FAR_ABOVE = 15 * TARGET
# More pages changed than this since the last build: postings are made afresh rather than patched.
PATCH_LIMIT = 64


class Builder:
    """build_shards for one language, remembering between calls (a preview rebuilds after each edit) the work that
    depends only on what did not change: each page's words, each term's postings as JSON, the sizes and texts of
    shards. Whatever it remembers, the files are those a fresh Builder makes from the same entries; it keeps only
    what the last call's entries use."""

    def __init__(self) -> None:
        self.pages: dict[tuple, _Page] = {}         # entry's content -> its _Page
        self.numbered: list[_Page] = []             # the indexed pages of the last call, in page-number order
        self.postings: dict[str, list[tuple[int, str]]] = {}   # term -> (page number, its stat) by number
        self.piece: dict[str, str] = {}             # term -> '"term":[postings]', as in a shard's "t"
        self.term_json: dict[str, str] = {}
        self.by_first: dict[str, list[tuple[str, str]]] = {}   # first character -> sorted (text, term) items
        self.placements: dict[tuple, tuple] = {}   # bucket's signature -> (its placement, inner buckets)
        self.texts: dict[str, str] = {}             # shard key -> its text, for the last call's keys
        self.homes: dict[str, str] = {}
        self.keys: list[str] = []

    # ---- pages and postings ------------------------------------------------------------------------------------

    def _read(self, entries: list[Entry]) -> list[_Page]:
        known, pages = {}, []
        for entry in entries:
            if not (entry.text.title or entry.text.body):
                continue
            key = (entry.url, entry.text.title, tuple(entry.text.headings), entry.text.body, entry.section,
                   entry.date)
            page = known.get(key) or self.pages.get(key) or _page(entry)
            known[key] = page
            pages.append(page)
        self.pages = known
        return pages

    def _post(self, pages: list[_Page]) -> None:
        """Postings, pieces and items of the pages: patched where few pages changed, else made afresh."""
        old = self.numbered
        changed = [n for n, page in enumerate(pages) if n >= len(old) or page is not old[n]] \
            if len(old) == len(pages) else None
        if changed is None or len(changed) > PATCH_LIMIT:
            self._post_afresh(pages)
        elif changed:
            self._patch(pages, old, changed)
        self.numbered = pages

    def _post_afresh(self, pages: list[_Page]) -> None:
        postings: dict[str, list[tuple[int, str]]] = {}
        for number, page in enumerate(pages):
            for term, stat in page.stats.items():
                found = postings.get(term)
                if found is None:
                    postings[term] = [(number, stat)]
                else:
                    found.append((number, stat))
        self.postings = postings
        self.term_json = {term: _quoted(term) for term in postings}
        self.piece = {term: self._piece(term) for term in postings}
        items = []
        for term in postings:
            items.append((term, term))
            items += [(suffix, term) for suffix in _suffixes(term)]
        items.sort()
        self.by_first = {}
        for item in items:
            self.by_first.setdefault(item[0][0], []).append(item)

    def _patch(self, pages: list[_Page], old: list[_Page], changed: list[int]) -> None:
        dirty: set[str] = set()
        for n in changed:
            before, after = old[n].stats, pages[n].stats
            dirty.update(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
        numbers = set(changed)
        for term in sorted(dirty):
            kept = [p for p in self.postings.get(term, ()) if p[0] not in numbers]
            kept += [(n, pages[n].stats[term]) for n in changed if term in pages[n].stats]
            kept.sort()
            if kept and term in self.postings:
                self.postings[term] = kept
                self.piece[term] = self._piece(term)
            elif kept:                  # a new term
                self.postings[term] = kept
                self.term_json[term] = _quoted(term)
                self.piece[term] = self._piece(term)
                for item in [(term, term)] + [(suffix, term) for suffix in _suffixes(term)]:
                    bisect.insort(self.by_first.setdefault(item[0][0], []), item)
            elif term in self.postings:  # a term no page has any more
                del self.postings[term], self.piece[term], self.term_json[term]
                for item in [(term, term)] + [(suffix, term) for suffix in _suffixes(term)]:
                    group = self.by_first[item[0][0]]
                    del group[bisect.bisect_left(group, item)]
                    if not group:
                        del self.by_first[item[0][0]]

    def _piece(self, term: str) -> str:
        postings = self.postings[term]
        numbers = list(map(_FIRST, postings))
        gaps = map(operator.sub, numbers, [0, *numbers[:-1]])
        return self.term_json[term] + ":[" + ",".join(map("{},{}".format, gaps, map(_SECOND, postings))) + "]"

    # ---- shards ------------------------------------------------------------------------------------------------

    def _size(self, key: str, bucket: list[tuple[str, str]]) -> int:
        piece = self.piece
        own = [t for s, t in bucket if s == t]
        others = [t for s, t in bucket if s != t]
        # At least the terms' pieces and the pointers' term names.
        least = sum(map(len, map(piece.__getitem__, own))) + sum(map(len, others)) + 4 * len(others)
        if least > FAR_ABOVE:
            return least // 2
        end, counts = len(key) + 1, self.postings
        pointers = ",".join([f"[\"{t}\",\"{t[:end]}\",{len(counts[t])}]" for t in others])
        return _gz_estimate(f'{{"i":[{pointers}],"k":{_json(key)},"t":{{' + ",".join(map(piece.__getitem__, own))
                            + "}}")

    def _split(self, key: str, items: list[tuple[str, str]], out: dict[str, list], clean: set[str],
               memo: dict) -> tuple:
        """Place items ((text the key must start, term) pairs) under key, or under longer keys while too big.

        A bucket's items follow from its key and the terms it holds, and its pieces name those terms, so the key
        and the pieces are all its placement depends on: a bucket seen in the last call is placed as then, and
        its shards' texts are those of the last call (their keys go in clean)."""
        signature = (key, tuple(map(self.piece.__getitem__, map(_SECOND, items))))
        known = self.placements.get(signature)
        if known is not None:
            placed, below = known
            memo[signature] = known
            for inner in below:     # kept for the next call, which may change another part of this bucket
                memo[inner] = self.placements[inner]
            out.update(placed)
            clean.update(placed)
            return (signature, *below)
        placed, below = {}, []
        # Sorted items: those of the key itself come first, then a run for each next character.
        if (items[-1][0] == key or (items[0][1] == items[-1][1] and len(set(map(_SECOND, items))) <= 1)
                or self._size(key, items) <= TARGET):
            placed[key] = items
        else:
            start, length = 0, len(key)
            while start < len(items) and items[start][0] == key:
                start += 1
            if start:
                placed[key] = items[:start]
            while start < len(items):
                char = items[start][0][length]
                end = bisect.bisect_left(items, (key + chr(ord(char) + 1),), start)
                below += self._split(key + char, items[start:end], placed, clean, memo)
                start = end
        memo[signature] = (placed, tuple(below))
        out.update(placed)
        return (signature, *below)

    def build(self, lang: str, entries: list[Entry]) -> dict[str, str]:
        pages = self._read(entries)
        self._post(pages)
        files = {f"d/{number}.json": page.record for number, page in enumerate(pages)}
        placed: dict[str, list] = {}
        clean: set[str] = set()
        memo: dict[tuple, tuple] = {}
        for char in sorted(self.by_first):
            self._split(char, self.by_first[char], placed, clean, memo)
        self.placements = memo
        keys = sorted(placed)
        if keys != self.keys:   # every pointer's home shard may have changed
            self.keys, self.homes, self.texts = keys, {}, {}
        key_set = set(keys)
        longest = max(map(len, keys), default=0)
        homes = self.homes

        def home(term: str) -> str:
            found = homes.get(term)
            if found is None:
                found = homes[term] = next(term[:n] for n in range(min(len(term), longest), 0, -1)
                                           if term[:n] in key_set)
            return found

        texts: dict[str, str] = {}
        piece = self.piece
        for key in keys:
            text = self.texts.get(key) if key in clean else None
            if text is None:
                bucket = placed[key]
                # A pointer to a term of this very shard says nothing the browser does not already have.
                pointers = sorted((t, h) for t in {t for s, t in bucket if s != t} if (h := home(t)) != key)
                text = ('{"i":[' + ",".join(f"[{self.term_json[t]},{_quoted(h)},{len(self.postings[t])}]"
                                            for t, h in pointers)
                        + f'],"k":{_json(key)},"t":{{' + ",".join(piece[t] for s, t in bucket if s == t) + "}}")
            texts[key] = text
            files[f"s/{shard_name(key)}.json"] = text
        self.texts = texts
        self.homes = {t: h for t, h in homes.items() if t in self.postings}
        digest = hashlib.sha256()
        for path in sorted(files):
            digest.update(path.encode() + b"\0" + files[path].encode("utf-8") + b"\0")
        files["manifest.json"] = _dump({"v": FORMAT, "lang": lang, "pages": len(pages), "shards": keys,
                                        "hash": digest.hexdigest()[:16]})
        return files


_BUILDERS: dict[str, Builder] = {}


def build_shards(lang: str, entries: list[Entry]) -> dict[str, str]:
    """Every file of the language's index: {path under search/<lang>/: JSON text}. A second call in the same
    process (a preview's rebuild) redoes only what the changed pages change."""
    builder = _BUILDERS.get(lang)
    if builder is None:
        builder = _BUILDERS[lang] = Builder()
    return builder.build(lang, entries)


def index_path(lang: str) -> str:
    """The folder of the language's index, relative to the site's root."""
    return f"search/{lang}"
