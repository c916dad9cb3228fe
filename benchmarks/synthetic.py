"""A synthetic provincial site of a chosen size: the sample site's real pages plus thousands of dated items.

The real docs/ is copied first, so every Changwat feature (recommendations, participation, compliance, the
site map) is built as it ships; dated items in both languages make up the rest, with the same front matter a web
officer writes (README.md), so changwat-sections checks, lists and paginates them.

The folder is a git repository with history, as a real site's is: the items are committed in dated batches, oldest
first, and a last commit edits a few of them, so changwat-dates reads real "published" and "updated" dates.

The Markdown is shared by every build:
- `changwat.yml` INHERITs the project's real mkdocs.yml;
- `nosearch.yml` is the same without changwat-search (what the Thai search costs is the difference);
- `plain.yml` is stock Material + mkdocs-static-i18n + Material's search as shipped, with the same menu as the
  sample site (items are reached from their section's listing, not from the menu) and navigation.prune.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import prose

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("th", "en")
# A provincial site's dated items: mostly news, some announcements and procurement notices.
SECTION_SHARES = (("news", 0.8), ("announcements", 0.1), ("procurement", 0.1))
CATEGORIES = {
    "news": ["events", "public-relations", "disaster", "economy", "tourism"],
    "announcements": ["general", "recruitment", "policy"],
    "procurement": ["plan", "invitation", "award", "summary"],
}
IMAGES = ["flood-relief", "job-fair", "otop-fair", "pm25", "road-safety", "tree-planting", "dengue", "mobile-unit"]
NEWEST = dt.datetime(2026, 11, 24, 9, 30)
HISTORY_BATCHES = 20        # commits that add the items, oldest first
EDITED_SHARE = 0.05         # items changed again in the last commit
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@invalid", "-c", "commit.gpgsign=false",
       "-c", "init.defaultBranch=main"]
# What a build leaves in the folder, kept out of the history (the committed cut cache, search-cuts/, is not).
GITIGNORE = "/out-*/\n/*.log\n/.cache/\n"


@dataclass(frozen=True)
class Site:
    folder: Path
    pages_per_language: int
    items_per_language: int
    site_url: str

    @property
    def changwat_config(self) -> Path:
        return self.folder / "changwat.yml"

    @property
    def plain_config(self) -> Path:
        return self.folder / "plain.yml"

    @property
    def nosearch_config(self) -> Path:
        return self.folder / "nosearch.yml"

    def config(self, kind: str) -> Path:
        return self.folder / f"{kind}.yml"


def real_pages(lang: str) -> list[str]:
    return sorted(p.relative_to(ROOT / "docs" / lang).as_posix() for p in (ROOT / "docs" / lang).rglob("*.md"))


def item_plan(count: int) -> list[tuple[str, int]]:
    """(section, number) for `count` items, split by SECTION_SHARES, numbers counting up from 1 per section."""
    counts = {name: int(count * share) for name, share in SECTION_SHARES}
    counts["news"] += count - sum(counts.values())
    return [(name, n) for name, _ in SECTION_SHARES for n in range(1, counts[name] + 1)]


def item_date(section: str, number: int) -> dt.datetime:
    """Items go back in time, about one a day per section, within office hours."""
    offset = {"news": 0, "announcements": 1, "procurement": 2}[section]
    day = NEWEST - dt.timedelta(days=number + offset)
    return day.replace(hour=8 + (number * 3) % 9, minute=30 * (number % 2))


def item_markdown(rng: random.Random, lang: str, section: str, when: dt.datetime, words: int) -> str:
    meta = {
        "title": prose.title(rng, lang),
        "date": when.strftime("%Y-%m-%d %H:%M"),
        "summary": prose.summary(rng, lang),
        "category": rng.choice(CATEGORIES[section]),
    }
    if section == "news" and rng.random() < 0.3:
        meta["image"] = f"../../assets/images/news/{rng.choice(IMAGES)}.svg"
        meta["image_alt"] = prose.title(rng, lang)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{prose.body(rng, lang, words)}"


def write_items(docs: Path, count: int, seed: int, words: int) -> list[tuple[str, dt.datetime]]:
    """Writes the twins of `count` items; their paths (relative to a language's folder) and dates."""
    written = []
    for section, number in item_plan(count):
        when = item_date(section, number)
        rel = f"{section}/{when:%Y-%m-%d}-{section[:4]}-{number:05d}.md"
        for lang in LANGUAGES:
            # Seeded per item, so a site of 500 items is the first 500 items of a site of 2,000.
            rng = random.Random(f"{seed}:{section}:{number}:{lang}")
            (docs / lang / rel).write_text(item_markdown(rng, lang, section, when, words), encoding="utf-8")
        written.append((rel, when))
    return written


def load_real_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses MkDocs' !ENV tag; its value does not matter for reading the navigation.
    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def not_in_nav_patterns() -> str:
    """The items' folders: pages meant to be reached from their section's listing, not from the menu. Saying so
    keeps MkDocs from logging a line for each one (.gitignore patterns, relative to docs/)."""
    return "\n".join(f"/{lang}/{name}/**" for lang in LANGUAGES for name, _ in SECTION_SHARES)


def without_plugin(config_text: str, name: str) -> str:
    """mkdocs.yml's text without one plugin of its `plugins:` list (and that plugin's own settings, if any).
    INHERIT cannot remove a plugin, so the configuration is copied with the plugin left out."""
    lines, out, skipping = config_text.splitlines(keepends=True), [], False
    for line in lines:
        stripped = line.strip()
        if skipping and line.startswith("      ") and stripped:
            continue
        skipping = stripped in (f"- {name}", f"- {name}:")
        if not skipping:
            out.append(line)
    if len(out) == len(lines):
        raise ValueError(f"plugin {name} not found in mkdocs.yml")
    return "".join(out)


def write_configs(folder: Path, site_url: str) -> None:
    real = load_real_config()
    overrides = {
        "site_url": site_url,
        "docs_dir": "docs",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
    }
    changwat = {"INHERIT": str(ROOT / "mkdocs.yml"), **overrides}
    (folder / "mkdocs-nosearch.yml").write_text(
        without_plugin((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "changwat-search"), encoding="utf-8")
    nosearch = {"INHERIT": str(folder / "mkdocs-nosearch.yml"), **overrides}
    i18n = next(p["i18n"] for p in real["plugins"] if isinstance(p, dict) and "i18n" in p)
    plain = {
        "site_name": real["site_name"],
        "site_url": site_url,
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "th",
                  "features": list(real["theme"]["features"])},   # navigation.prune included
        "markdown_extensions": real["markdown_extensions"],
        # Material's search as shipped, given each language's pages by mkdocs-static-i18n.
        "plugins": ["search", {"i18n": {**i18n, "reconfigure_search": True}}],
        # The same menu as the kit's: the sample site's own. Items are reached from their section's listing.
        "nav": real["nav"],
        "not_in_nav": not_in_nav_patterns(),
    }
    # The sample's home page names the kit's home template; a plain site's own would be Material's page template.
    for template in sorted(set(page_templates(folder / "docs"))):
        target = folder / "plain-theme" / template
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text('{% extends "main.html" %}\n', encoding="utf-8")
    if (folder / "plain-theme").is_dir():
        plain["theme"]["custom_dir"] = "plain-theme"
    for name, data in (("changwat", changwat), ("nosearch", nosearch), ("plain", plain)):
        (folder / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def page_templates(docs: Path):
    """The templates pages name in their front matter (`template: home/home.html`)."""
    for page in docs.rglob("*.md"):
        head = page.read_text(encoding="utf-8").split("\n---", 1)[0]
        yield from (line.split(":", 1)[1].strip() for line in head.splitlines() if line.startswith("template:"))


def _git(folder: Path, *args: str, when: dt.datetime | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if when is not None:
        # Bangkok time, as the office commits.
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S+07:00")
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    return subprocess.run([*GIT, *args], cwd=folder, env=env, check=True, capture_output=True, text=True).stdout


def commit_history(folder: Path, items: list[tuple[str, dt.datetime]], seed: int) -> None:
    """The folder as a git repository: first everything but the items, then the items in HISTORY_BATCHES dated
    commits, oldest first (each dated by its newest item), then one commit that edits EDITED_SHARE of them."""
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    ordered = sorted(items, key=lambda item: item[1])
    paths = [f"docs/{lang}/{rel}" for rel, _ in ordered for lang in LANGUAGES]
    _git(folder, "init", "-q")
    first = (ordered[0][1] if ordered else NEWEST) - dt.timedelta(days=1)
    _git(folder, "add", "-A", "--", ".", *(f":(exclude){p}" for p in paths))
    _git(folder, "commit", "-q", "-m", "The office's site", when=first)
    size = max(1, -(-len(ordered) // HISTORY_BATCHES))
    for start in range(0, len(ordered), size):
        batch = ordered[start:start + size]
        _git(folder, "add", "--", *(f"docs/{lang}/{rel}" for rel, _ in batch for lang in LANGUAGES))
        _git(folder, "commit", "-q", "-m", f"Items up to {batch[-1][1]:%Y-%m-%d}", when=batch[-1][1])
    # Chosen per item, so the small site's history is the large one's for the items they share.
    edited = [(rel, when) for rel, when in ordered if random.Random(f"{seed}:edit:{rel}").random() < EDITED_SHARE]
    for rel, _ in edited:
        for lang in LANGUAGES:
            path = folder / "docs" / lang / rel
            note = "แก้ไขข้อมูลเพิ่มเติม" if lang == "th" else "Updated with further details."
            path.write_text(path.read_text(encoding="utf-8") + f"\n{note}\n", encoding="utf-8")
    if edited:
        _git(folder, "commit", "-q", "-a", "-m", "Corrections to some items", when=NEWEST + dt.timedelta(days=1))


def first_commit(folder: Path) -> str:
    return _git(folder, "rev-list", "--max-parents=0", "HEAD").strip()


def generate(folder: Path, pages_per_language: int, site_url: str, seed: int = 2569, words: int = 400) -> Site:
    """A fresh site in `folder` (emptied first) with `pages_per_language` Markdown pages in each language.

    site_url is where the first-view measurement will serve it: pages name their twins and feeds with absolute
    URLs, and the browser's requests to them must reach the recording server to be counted."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", folder / "docs")
    # The plugins read data/ and reports/ next to mkdocs.yml (recommendations, compliance, participation).
    for name in ("data", "reports"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name)
    count = max(0, pages_per_language - len(real_pages("th")))
    items = write_items(folder / "docs", count, seed, words)
    write_configs(folder, site_url)
    commit_history(folder, items, seed)
    return Site(folder=folder, pages_per_language=pages_per_language, items_per_language=count, site_url=site_url)
