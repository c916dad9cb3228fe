"""A synthetic provincial site of a chosen size: the sample site's real pages plus thousands of dated items.

The real docs/ is copied first, so every Changwat feature (recommendations, participation, compliance, the
site map) is built as it ships; dated items in both languages make up the rest, with the same front matter a web
officer writes (README.md), so changwat-sections checks, lists and paginates them. The Markdown is shared by
both builds: `changwat.yml` INHERITs the project's real mkdocs.yml, `plain.yml` is stock Material +
mkdocs-static-i18n with every page in the navigation.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
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


def write_items(docs: Path, count: int, seed: int, words: int) -> None:
    """Writes the twins of `count` items."""
    for section, number in item_plan(count):
        when = item_date(section, number)
        rel = f"{section}/{when:%Y-%m-%d}-{section[:4]}-{number:05d}.md"
        for lang in LANGUAGES:
            # Seeded per item, so a site of 500 items is the first 500 items of a site of 2,000.
            rng = random.Random(f"{seed}:{section}:{number}:{lang}")
            (docs / lang / rel).write_text(item_markdown(rng, lang, section, when, words), encoding="utf-8")


def section_items(language_docs: Path) -> dict[str, list[str]]:
    """Every item of each section, the sample site's own included, newest first (as their listings are)."""
    return {name: sorted((p.relative_to(language_docs).as_posix() for p in (language_docs / name).glob("*.md")
                          if p.name != "index.md"), reverse=True)
            for name, _ in SECTION_SHARES}


def load_real_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses MkDocs' !ENV tag; its value does not matter for reading the navigation.
    Loader.add_constructor("!ENV", lambda loader, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def plain_nav(real_nav: list, items: dict[str, list[str]]) -> list:
    """The real navigation with every item listed under its section's index page, as stock MkDocs needs."""

    def walk(entries):
        out = []
        for entry in entries:
            if isinstance(entry, dict):
                (name, value), = entry.items()
                out.append({name: walk(value) if isinstance(value, list) else value})
                continue
            out.append(entry)
            for section, paths in items.items():
                if entry == f"{section}/index.md":
                    out.extend(paths)
        return out

    return walk(real_nav)


def write_configs(folder: Path, items: dict[str, list[str]], site_url: str) -> None:
    real = load_real_config()
    changwat = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "site_url": site_url,
        "docs_dir": "docs",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
    }
    i18n = next(p["i18n"] for p in real["plugins"] if isinstance(p, dict) and "i18n" in p)
    plain = {
        "site_name": real["site_name"],
        "site_url": site_url,
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "th",
                  "features": [f for f in real["theme"]["features"]]},
        "markdown_extensions": real["markdown_extensions"],
        "plugins": ["search", {"i18n": {**i18n, "reconfigure_search": True}}],
        "nav": plain_nav(real["nav"], items),
    }
    (folder / "changwat.yml").write_text(yaml.safe_dump(changwat, allow_unicode=True, sort_keys=False), "utf-8")
    (folder / "plain.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), "utf-8")


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
    write_items(folder / "docs", count, seed, words)
    write_configs(folder, section_items(folder / "docs" / "th"), site_url)
    return Site(folder=folder, pages_per_language=pages_per_language, items_per_language=count, site_url=site_url)
