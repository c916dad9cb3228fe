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

import gzip
import hashlib
import json
import re
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


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9, mtime=0))


def shard_name(key: str) -> str:
    """A shard's file name: the key's code points in hex (ASCII only, for every server and deploy tool)."""
    return "-".join(f"{ord(c):x}" for c in key)


def _suffixes(term: str) -> list[str]:
    return [term[m.start():] for m in CLUSTER_START.finditer(term, 1) if len(term) - m.start() >= MIN_SUFFIX]


def _split(key: str, items: list[tuple[str, str]], size_of, out: dict[str, list]) -> None:
    """Place items ((text the key must start, term) pairs) under key, or under longer keys while too big."""
    if len({t for _, t in items}) <= 1 or all(s == key for s, _ in items) or size_of(key, items) <= TARGET:
        out[key] = items
        return
    stay = [(s, t) for s, t in items if s == key]
    if stay:
        out[key] = stay
    groups: dict[str, list] = {}
    for s, t in items:
        if s != key:
            groups.setdefault(s[len(key)], []).append((s, t))
    for char in sorted(groups):
        _split(key + char, groups[char], size_of, out)


def build_shards(lang: str, entries: list[Entry]) -> dict[str, str]:
    """Every file of the language's index: {path under search/<lang>/: JSON text}."""
    pages = [e for e in entries if e.text.title or e.text.body]
    postings: dict[str, list[tuple[int, int, int]]] = {}
    files: dict[str, str] = {}
    for number, entry in enumerate(pages):
        fields = {"t": mark_words(entry.text.title), "h": mark_words("\n".join(entry.text.headings)),
                  "x": mark_words(entry.text.body)}
        record = {"u": entry.url, **fields}
        if entry.section:
            record["s"] = entry.section
        if entry.date:
            record["d"] = entry.date
        files[f"d/{number}.json"] = _dump(record)
        counts: Counter = Counter()
        masks: dict[str, int] = {}
        for name, bit in FIELD_BITS:
            for term in terms(fields[name]):
                counts[term] += 1
                masks[term] = masks.get(term, 0) | bit
        for term in counts:
            postings.setdefault(term, []).append((number, masks[term], min(counts[term], TF_CAP)))

    def flat(term: str) -> list[int]:
        out, last = [], 0
        for number, mask, tf in postings[term]:
            out += [number - last, mask, tf]
            last = number
        return out

    flats = {term: flat(term) for term in postings}
    items = [(term, term) for term in postings]
    items += sorted({(suffix, term) for term in postings for suffix in _suffixes(term)})

    def size_of(key, bucket) -> int:
        text = _dump({"k": key, "t": {t: flats[t] for s, t in bucket if s == t},
                      "i": [[t, t[:len(key) + 1], len(postings[t])] for s, t in bucket if s != t]})
        # Far above the target: no need to compress it to know.
        return len(text) // 2 if len(text) > 40 * TARGET else _gz(text)

    by_first: dict[str, list] = {}
    for s, t in sorted(items):
        by_first.setdefault(s[0], []).append((s, t))
    placed: dict[str, list] = {}
    for char in sorted(by_first):
        _split(char, by_first[char], size_of, placed)
    keys = sorted(placed)
    key_set = set(keys)

    def home(term: str) -> str:
        return next(term[:n] for n in range(len(term), 0, -1) if term[:n] in key_set)

    for key in keys:
        bucket = placed[key]
        # A pointer to a term of this very shard says nothing the browser does not already have.
        pointers = sorted({(t, home(t), len(postings[t])) for s, t in bucket if s != t and home(t) != key})
        files[f"s/{shard_name(key)}.json"] = _dump({"k": key, "t": {t: flats[t] for s, t in bucket if s == t},
                                                    "i": [list(p) for p in pointers]})
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path].encode("utf-8") + b"\0")
    files["manifest.json"] = _dump({"v": FORMAT, "lang": lang, "pages": len(pages), "shards": keys,
                                    "hash": digest.hexdigest()[:16]})
    return files


def index_path(lang: str) -> str:
    """The folder of the language's index, relative to the site's root."""
    return f"search/{lang}"
