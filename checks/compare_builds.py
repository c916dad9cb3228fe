"""The survival path: the site built with MkDocs 1.6 and with ProperDocs must be the same site.

MkDocs 2.0 drops the plugin system the kit is made of; ProperDocs, a fork of MkDocs 1.6 kept by a former
maintainer, runs the same plugins unchanged. Building every commit with both, and requiring the same output,
keeps the switch a one-word change (``properdocs build`` instead of ``mkdocs build``) on the day it is needed.

    python -m changwat.checks.compare_builds [-f mkdocs.yml] [--out build/survival]
        builds the site with each generator into OUT/mkdocs and OUT/properdocs (atomically), then compares them
    python -m changwat.checks.compare_builds --compare A B
        compares two built site folders

Exit 0 when the two builds are the same, 1 when they differ, 2 when a build failed.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from changwat.cli.build import build_atomically

GENERATORS = {
    "mkdocs": [sys.executable, "-m", "mkdocs"],
    "properdocs": [sys.executable, "-m", "properdocs"],
}

# What two correct builds may legitimately disagree on, each with why. Anything else is a difference.
# Material's generator tag names the generator's version ("mkdocs-1.6.1" vs "mkdocs-ProperDocs 1.6.7"); the kit's
# templates leave it out today, a site's own custom_dir may bring it back.
GENERATOR_TAG = re.compile(r'<meta name="generator" content="[^"]*">')
# The sitemap's <lastmod> is the day of the build: two builds either side of midnight differ.
LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def normalise(relative: str, content: bytes) -> bytes:
    """The file's content with what legitimately differs between two builds blanked out."""
    name = relative.rsplit("/", 1)[-1]
    if name == "sitemap.xml.gz":
        # The gzip header carries the build day as its time stamp; compare what it holds instead.
        return normalise(relative[: -len(".gz")], gzip.decompress(content))
    if name == "sitemap.xml":
        return LASTMOD.sub("<lastmod></lastmod>", content.decode("utf-8")).encode("utf-8")
    if name.endswith(".html"):
        return GENERATOR_TAG.sub('<meta name="generator" content="">', content.decode("utf-8")).encode("utf-8")
    return content


@dataclass
class Comparison:
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)
    differing: dict[str, str] = field(default_factory=dict)  # relative path -> short description of the difference
    same: int = 0

    @property
    def identical(self) -> bool:
        return not (self.only_in_a or self.only_in_b or self.differing)


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _describe(a: bytes, b: bytes, width: int = 70) -> str:
    """Where the two contents first part, with a little of each around it: enough to recognise the cause."""
    try:
        text_a, text_b = a.decode("utf-8"), b.decode("utf-8")
    except UnicodeDecodeError:
        return f"binary content differs ({len(a)} vs {len(b)} bytes)"
    at = next((i for i, (x, y) in enumerate(zip(text_a, text_b)) if x != y), min(len(text_a), len(text_b)))
    line = text_a.count("\n", 0, at) + 1
    column = at - (text_a.rfind("\n", 0, at) + 1) + 1
    start = max(0, at - width // 2)

    def excerpt(text: str) -> str:
        return ("…" if start else "") + text[start:at + width].replace("\n", "⏎") + ("…" if at + width < len(text) else "")

    changed = sum(1 for x, y in zip(text_a.splitlines(), text_b.splitlines()) if x != y)
    changed += abs(text_a.count("\n") - text_b.count("\n"))
    return (f"first difference at line {line}, column {column} ({changed} line(s) differ)\n"
            f"      - {excerpt(text_a)}\n      + {excerpt(text_b)}")


def compare(a: Path, b: Path) -> Comparison:
    files_a, files_b = _files(a), _files(b)
    result = Comparison(only_in_a=sorted(files_a - files_b), only_in_b=sorted(files_b - files_a))
    for relative in sorted(files_a & files_b):
        content_a, content_b = (a / relative).read_bytes(), (b / relative).read_bytes()
        if content_a != content_b:
            content_a, content_b = normalise(relative, content_a), normalise(relative, content_b)
        if content_a == content_b:
            result.same += 1
        else:
            result.differing[relative] = _describe(content_a, content_b)
    return result


def report(result: Comparison, a: Path, b: Path, limit: int = 20) -> str:
    if result.identical:
        return f"{a} and {b} are the same site ({result.same} files; build dates and generator names aside)."
    lines = [
        f"สองเว็บไซต์ที่สร้างจากต้นฉบับเดียวกันไม่เหมือนกัน: {a} กับ {b}",
        f"The two builds of the same sources differ: {a} and {b}",
        "  A generator or plugin behaves differently under one of them; find which from the files below,"
        " then pin or fix it before relying on the other.",
    ]
    for label, paths in ((f"only in {a}", result.only_in_a), (f"only in {b}", result.only_in_b)):
        if paths:
            lines.append(f"  {len(paths)} file(s) {label}:")
            lines += [f"    {p}" for p in paths[:limit]] + ([f"    … and {len(paths) - limit} more"]
                                                           if len(paths) > limit else [])
    if result.differing:
        lines.append(f"  {len(result.differing)} file(s) with different content:")
        for relative, description in list(result.differing.items())[:limit]:
            lines.append(f"    {relative}: {description}")
        if len(result.differing) > limit:
            lines.append(f"    … and {len(result.differing) - limit} more")
    return "\n".join(lines)


def build_both(config_file: Path, out: Path) -> dict[str, Path] | None:
    """The site built by each generator into out/<generator>; None when a build failed (its messages are
    already printed)."""
    built = {}
    for name, command in GENERATORS.items():
        print(f"Building with {name}…", flush=True)
        if build_atomically(config_file, out / name, command) != 0:
            return None
        built[name] = out / name
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--out", type=Path, default=Path("build/survival"),
                        help="where the two builds go (default: build/survival)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"),
                        help="only compare two built site folders")
    args = parser.parse_args(argv)
    if args.compare:
        a, b = args.compare
    else:
        built = build_both(args.config_file, args.out)
        if built is None:
            return 2
        a, b = built["mkdocs"], built["properdocs"]
    result = compare(a, b)
    print(report(result, a, b))
    return 0 if result.identical else 1


if __name__ == "__main__":
    sys.exit(main())
