"""Less to download on a first view from a slow phone: the kit's own CSS and scripts without their comments and
layout, and Material's CSS without the rules of features a site does not use (the cuts are listed in compat.py).

Plain text work on well-formed files (Material's, the kit's): CSS strings and comments are recognised, everything
else is kept as written; a script only loses whole lines of comment and its indentation. No MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SPACE = re.compile(r"\s+")
# Space around these changes nothing in CSS (selectors, declarations, blocks); before ":" or around "(" it can
# (`a :hover`, `and (`), so those keep theirs.
_TIGHT = re.compile(r" ?([{};,>]) ?|(:) ")
_NESTING = ("@media", "@supports", "@layer", "@container")


def _pieces(css: str) -> Iterator[tuple[str, bool]]:
    """(text, kept as written) in order: strings and licences (/*! ... */) are kept, other comments left out."""
    i, start, n = 0, 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            yield css[start:i], False
            yield css[i:j + 1], True
            i = start = j + 1
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = n if end < 0 else end + 2
            yield css[start:i], False
            # A comment separates what is on either side of it; a licence stays.
            yield (css[i:end], True) if css.startswith("/*!", i) else (" ", False)
            i = start = end
        else:
            i += 1
    yield css[start:], False


def minify_css(css: str) -> str:
    """The same stylesheet without comments and with no more space than CSS needs; strings are kept as they
    are. Idempotent: minify(minify(x)) == minify(x)."""
    out, plain = [], []

    def flush():
        text = _TIGHT.sub(lambda m: m.group(1) or m.group(2), _SPACE.sub(" ", "".join(plain)))
        out.append(text.replace(";}", "}"))
        plain.clear()

    for text, as_written in _pieces(css):
        if as_written:
            flush()
            out.append(text)
        else:
            plain.append(text)
    flush()
    return "".join(out).strip()


def _block_end(css: str, opening: int) -> int:
    """The index of the "}" closing the block whose "{" is at `opening`."""
    depth, i = 0, opening
    while True:
        c = css[i]
        if c in "\"'":
            i = css.index(c, i + 1)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1


def _split_list(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside parentheses and strings (`:is(a,b)`, `url("a;b")`)."""
    parts, depth, start, quote = [], 0, 0, None
    for i, c in enumerate(text):
        if quote:
            quote = None if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _outside_parentheses(selector: str) -> str:
    """A selector without what its :is()/:not()/:where() name: `.a:not(.b)` is about .a, not about .b."""
    while True:
        stripped = re.sub(r"\([^()]*\)", "", selector)
        if stripped == selector:
            return stripped
        selector = stripped


def drop_rules(css: str, selector: re.Pattern | None, declaration: re.Pattern | None = None) -> tuple[str, int]:
    """`css` without the selectors that `selector` finds (outside parentheses) and the declarations that
    `declaration` matches (e.g. a custom property); a rule left with no selector or no declaration goes, and an
    @media left empty too. Returns the stylesheet and how many selectors were dropped."""
    out, dropped, i = [], 0, 0
    while True:
        opening = css.find("{", i)
        if opening < 0:
            out.append(css[i:])
            break
        end = _block_end(css, opening)
        prelude, body = css[i:opening], css[opening + 1:end]
        i = end + 1
        *statements, prelude = _split_list(prelude, ";")  # `@charset "UTF-8";` before the first rule
        out.extend(f"{statement};" for statement in statements)
        head = prelude.strip()
        if head.startswith(_NESTING):
            inner, count = drop_rules(body, selector, declaration)
            dropped += count
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@"):  # @keyframes, @font-face, @property: not rules about the page's elements
            out.append(f"{prelude}{{{body}}}")
        else:
            selectors = _split_list(prelude, ",")
            kept = [s for s in selectors if selector is None or not selector.search(_outside_parentheses(s))]
            dropped += len(selectors) - len(kept)
            if declaration is not None:
                body = ";".join(d for d in _split_list(body, ";") if not declaration.match(d.strip()))
            if kept and body.strip():
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out), dropped


def class_pattern(classes: tuple[str, ...]) -> re.Pattern:
    """A selector naming one of these classes, or one of their BEM elements or modifiers (`.md-source__fact`,
    `.md-tag--x`), but not a longer class (`.md-source-file`)."""
    names = "|".join(re.escape(c) for c in classes)
    return re.compile(rf"\.(?:{names})(?:__[\w-]+|--[\w-]+)?(?![\w-])")


def custom_property_pattern(prefixes: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"--(?:%s)" % "|".join(re.escape(p) for p in prefixes))


def minify_script(js: str) -> str:
    """A script without its indentation, blank lines and the comments that fill whole lines; line breaks stay
    (automatic semicolons are untouched) and code is never parsed. A script where a line break could be inside a
    string (a template literal, a line continued with a backslash) is returned as it is. Idempotent."""
    if "`" in js or re.search(r"\\\n", js):
        return js
    lines, in_comment = [], False
    for line in js.splitlines():
        text = line.strip()
        if in_comment or (text.startswith("/*") and not text.startswith("/*!")):  # /*! a licence, which stays
            end = text.find("*/", 0 if in_comment else 2)
            if end >= 0 and end != len(text) - 2:  # code after the comment on its line: keep the script as it is
                return js
            in_comment = end < 0
        elif text.startswith("//"):
            continue
        elif text:
            lines.append(text)
    return "\n".join(lines) + "\n"
