"""The Thai word cuts of a site, kept with its content: search-cuts/ beside mkdocs.yml, committed.

Cutting Thai words is most of the search index's build time, and nearly every run of Thai letters is the same from
one build to the next, so each distinct run is cut once and its cut kept. The cuts are committed with the content,
so CI and a fresh clone start warm. One file per source page (search-cuts/th/news/x.tsv for docs/th/news/x.md): an
edit changes that page's file only, deleting a page deletes its file (at the next full build), and no file grows
with the site (one file for 2,000 pages of varied Thai would be about 16 MB). One line per run, sorted, so an edit
is a few lines of diff that git merges line by line:

    #changwat-cuts v1 engine=newmm pythainlp=5.4.0 dict=<sha256 of the word list>
    ศูนย์ดำรงธรรม<TAB>5,9        (words end at these offsets, base 36; empty for a one-word run)

A file written by another cutter, PyThaiNLP or word list is dropped and written again; so is a broken one (a merge
conflict, a hand edit), with a message, never a failed build: the file only saves time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

MAGIC = "#changwat-cuts v1"
LINE = re.compile(r"([\u0e01-\u0e4f\u0e5a\u0e5b]+)\t((?:[0-9a-z]+(?:,[0-9a-z]+)*)?)")
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"

BROKEN = ("คำเตือน: ไฟล์คำตัดภาษาไทย {path} บรรทัด {line} เสีย ({why}) ระบบจะไม่ใช้ไฟล์นี้และตัดคำใหม่ทั้งหมด "
          "การสร้างเว็บไซต์ครั้งนี้จึงช้ากว่าปกติ ไม่ต้องแก้ไขอะไร ไฟล์จะถูกเขียนใหม่เมื่อสร้างเสร็จ "
          "(ถ้าเกิดจากการรวมแก้ไขใน git ให้ commit ไฟล์ใหม่นี้)\n"
          "Warning: the Thai word-cut file {path} is broken at line {line} ({why}). It is ignored and every Thai run "
          "is cut again, so this build is slower. Nothing to fix: the file is written anew when the build ends "
          "(after a git merge conflict, commit the new file).")
STALE = ("ไฟล์คำตัดภาษาไทย {path} สร้างด้วยเครื่องมือตัดคำรุ่นอื่น จะตัดคำใหม่ทั้งหมด / "
         "{path} was written by another word cutter ({theirs}; now {ours}): every Thai run is cut again.")
STALE_MANY = ("ไฟล์คำตัดภาษาไทย {count} ไฟล์ใน {folder} สร้างด้วยเครื่องมือตัดคำรุ่นอื่น จะตัดคำใหม่ทั้งหมด / "
              "{count} files in {folder} were written by another word cutter (now {ours}): their runs are cut again.")


@dataclass
class Loaded:
    cuts: dict[str, str]        # run -> the run with its words marked by `boundary`
    message: str = ""           # said to the officer when the file was dropped
    broken: bool = False


def encode(marked: str, boundary: str) -> str:
    """'ศูนย์|ดำรง|ธรรม' -> '5,9': where each word but the last ends."""
    ends, at = [], 0
    for word in marked.split(boundary)[:-1]:
        at += len(word)
        ends.append(_base36(at))
    return ",".join(ends)


def decode(run: str, offsets: str, boundary: str) -> str:
    if not offsets:
        return run
    ends = [int(o, 36) for o in offsets.split(",")]
    if ends != sorted(set(ends)) or ends[0] <= 0 or ends[-1] >= len(run):
        raise ValueError("word ends out of order or outside the run")
    starts = [0, *ends]
    return boundary.join(run[a:b] for a, b in zip(starts, [*ends, len(run)]))


def _base36(n: int) -> str:
    out = ""
    while True:
        n, digit = divmod(n, 36)
        out = DIGITS[digit] + out
        if not n:
            return out


def render(header: str, cuts: dict[str, str], boundary: str) -> str:
    lines = [f"{MAGIC} {header}"]
    # A cut that does not give back its run (never seen from newmm) cannot be kept as offsets: it is cut again.
    lines += [f"{run}\t{encode(cuts[run], boundary)}" for run in sorted(cuts)
              if cuts[run].replace(boundary, "") == run]
    return "\n".join(lines) + "\n"


def parse(text: str, header: str, boundary: str, shown: str) -> Loaded:
    """The cuts in a file's text; nothing (and why) when it belongs to another cutter or is broken."""
    if not text.strip():
        return Loaded({})  # an empty file (make bench's cold start): nothing to reuse, nothing wrong
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()

    def broken(number: int, why: str) -> Loaded:
        return Loaded({}, BROKEN.format(path=shown, line=number, why=why), broken=True)

    if not lines[0].startswith(MAGIC + " "):
        return broken(1, "no header line")
    theirs = lines[0][len(MAGIC) + 1:]
    if theirs != header:
        return Loaded({}, STALE.format(path=shown, theirs=theirs, ours=header))
    cuts: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        found = LINE.fullmatch(line)
        if not found:
            return broken(number, "not 'Thai run<TAB>offsets'" if not line.startswith(("<<<<<<<", "=======",
                                                                                         ">>>>>>>"))
                          else "git merge conflict")
        run, offsets = found.groups()
        if run in cuts:
            return broken(number, "a run listed twice")
        try:
            cuts[run] = decode(run, offsets, boundary)
        except ValueError as error:
            return broken(number, str(error))
    return Loaded(cuts)


def read(path: Path, header: str, boundary: str, shown: str) -> Loaded:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded({})
    except UnicodeDecodeError:
        return Loaded({}, BROKEN.format(path=shown, line=1, why="not UTF-8 text"), broken=True)
    return parse(text, header, boundary, shown)


def write(path: Path, text: str) -> bool:
    """Write the file only when its text changes (a build of unchanged content leaves git clean), atomically."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text(text, encoding="utf-8")
    staging.replace(path)
    return True


def page_file(src_uri: str) -> str:
    """The cut file of a page, relative to the cuts folder: th/news/x.md -> th/news/x.tsv."""
    return (src_uri[:-3] if src_uri.endswith(".md") else src_uri) + ".tsv"


class Folder:
    """The cut files of one site, one per page that has Thai text, and what each holds on disk."""

    def __init__(self, root: Path, shown: str, header: str, boundary: str):
        self.root, self.shown, self.header, self.boundary = root, shown, header, boundary
        # file (relative, posix) -> the runs it holds on disk, for the files in use: with the same cutter (the header),
        # the same runs give the same file, so an unchanged page's file is neither rendered nor read again.
        self.saved: dict[str, frozenset[str]] = {}

    def load(self) -> tuple[dict[str, str], list[str]]:
        """Every run cut in the folder's usable files, and what to tell the officer about the others."""
        found: dict[str, str] = {}
        messages, stale = [], 0
        for path in sorted(self.root.rglob("*.tsv")) if self.root.is_dir() else []:
            rel = path.relative_to(self.root).as_posix()
            loaded = read(path, self.header, self.boundary, f"{self.shown}/{rel}")
            if loaded.broken:
                messages.append(loaded.message)
            elif loaded.message:
                stale += 1
            else:
                self.saved[rel] = frozenset(loaded.cuts)
                found.update(loaded.cuts)
        if stale:
            messages.append(STALE_MANY.format(count=stale, folder=self.shown, ours=self.header))
        return found, messages

    def save(self, rel: str, cuts: dict[str, str]) -> None:
        """The page's file with exactly these cuts (none: no file), written only when it changes."""
        path = self.root / rel
        if not cuts:
            self._remove(rel)
            return
        runs = frozenset(cuts)
        if self.saved.get(rel) != runs:
            write(path, render(self.header, cuts, self.boundary))
            self.saved[rel] = runs

    def prune(self, kept: set[str]) -> None:
        """Remove the files of pages a full build no longer has."""
        on_disk = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*.tsv")} if self.root.is_dir() else set()
        for rel in sorted(on_disk - kept):
            self._remove(rel)

    def _remove(self, rel: str) -> None:
        path = self.root / rel
        self.saved.pop(rel, None)
        if path.exists():
            path.unlink()
            for folder in path.parents:  # and the folders it leaves empty, up to the cuts folder
                if folder == self.root or not folder.is_relative_to(self.root) or any(folder.iterdir()):
                    break
                folder.rmdir()
