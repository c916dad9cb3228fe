"""The Decap CMS configuration, generated from the kit's own data so it never drifts from what the build accepts:
sections.yml (collections, categories), sections/fields.yml (required fields, limits, hints, messages), the site's
languages, its navigation (ordinary pages), the home page's data files (services tiles, alerts) and the
office's details (core/office.py).

Plain module, no MkDocs import: editor/cli.py reads the site's configuration and calls editor_config().

The site keeps each language in its own tree (docs/th/news/x.md, docs/en/news/x.md). Decap's `multiple_folders`
puts the locale right before the file name (<folder>/<locale>/<slug>.md), so collections are declared on a
virtual folder (docs/news) and editor/changwat-editor.js moves the locale segment between the two forms
in every path the backend reads or writes (path_rules() below is its data).
"""

from __future__ import annotations

import dataclasses
import posixpath
from typing import Any

from changwat.core.languages import Languages
from changwat.core.office import OFFICE_FILE, Office
from changwat.core.records import required
from changwat.home import data as home
from changwat.sections.fields import FieldRule

LOCAL_PROXY_PORT = 8083
BACKENDS = ("proxy", "github", "gitlab", "gitea")


def _both(texts: dict[str, str]) -> str:
    return f"{texts['th']} / {texts['en']}" if texts["th"] != texts["en"] else texts["th"]


def _hint(rule: FieldRule) -> str:
    return f"{rule.hint_text('th')} / {rule.hint_text('en')}"


def item_fields(rules: dict[str, FieldRule], categories: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The fields of a news item, announcement or procurement notice, in the order the build reads them."""
    fields: list[dict[str, Any]] = [{
        "name": "slug", "label": "ชื่อสั้นสำหรับที่อยู่เว็บ (ภาษาอังกฤษ) / Short name for the address",
        "widget": "string", "i18n": "duplicate", "required": True,
        "hint": "อักษรอังกฤษตัวเล็ก ตัวเลข และขีด เช่น flood-relief-bags / lowercase letters, digits and hyphens",
        "pattern": ["^[a-z0-9]+(-[a-z0-9]+)*$",
                    "ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด / Use lowercase letters, digits and hyphens"],
    }]
    for name, rule in rules.items():
        field: dict[str, Any] = {"name": name, "label": _both(rule.label), "hint": _hint(rule),
                                 "required": rule.required, "i18n": True if rule.i18n == "translate" else "duplicate"}
        if name == "date":
            field.update(widget="datetime", format="YYYY-MM-DD HH:mm", date_format="YYYY-MM-DD", time_format="HH:mm")
        elif rule.choices == "section":
            field.update(widget="select", options=[{"label": f"{names['th']} ({names['en']})", "value": key}
                                                   for key, names in categories.items()])
        elif name == "image":
            field.update(widget="image", choose_url=True)
        elif rule.required_with:
            # Decap has no "required when another field is filled": the kit's widget (changwat-editor.js) checks it
            # with the build's message.
            missing = rule.message("missing")
            field.update(widget="changwat-required-with", required_with=rule.required_with,
                         message=f"{missing.what['th']} {missing.fix['th']} / {missing.what['en']} {missing.fix['en']}")
        elif rule.max_length:
            field["widget"] = "text"
        else:
            field["widget"] = "string"
        if rule.max_length:
            too_long = rule.message("too_long")
            field["pattern"] = [f"^[\\s\\S]{{0,{rule.max_length}}}$",
                                f"{too_long.fix['th']} (ไม่เกิน {rule.max_length} ตัวอักษร) / "
                                f"{too_long.fix['en']} (at most {rule.max_length} characters)"]
        fields.append(field)
    fields.append({"name": "body", "label": "เนื้อหา / Body", "widget": "markdown", "i18n": True,
                   "modes": ["raw", "rich_text"]})
    return fields


def _text_object(name: str, label: str, languages: Languages, required: bool = True, widget: str = "string"):
    """A text given per language, as the kit's data files write it ({th: ..., en: ...})."""
    return {"name": name, "label": label, "widget": "object", "collapsed": False, "required": required,
            "fields": [{"name": code, "label": languages.name(code), "widget": widget, "required": required}
                       for code in languages.codes]}


def record_fields(record: type, languages: Languages) -> list[dict[str, Any]]:
    """The editor's fields of a data file's record (Tile, Alert, Office, SocialLink), from the dataclass fields its
    loader checks (core/records.py): labels, hints, required (no default) and a value's form."""
    fields = []
    for f in dataclasses.fields(record):
        meta, needed = f.metadata, required(f)
        label = _both(meta["label"])
        if meta["kind"] == "text":
            field = _text_object(f.name, label, languages, needed, "text" if meta["multiline"] else "string")
        elif meta["kind"] == "choice":
            field = {"name": f.name, "label": label, "widget": "select", "required": needed,
                     "options": [{"label": _both(names), "value": key} for key, names in meta["choices"].items()]}
        elif meta["kind"] == "date":
            field = {"name": f.name, "label": label, "widget": "datetime", "required": needed,
                     "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
        elif meta["kind"] == "list":
            field = {"name": f.name, "label": label, "widget": "list", "required": needed,
                     "fields": record_fields(meta["record"], languages)}
        else:
            field = {"name": f.name, "label": label, "widget": "string", "required": needed}
            if meta["pattern"]:
                regex, th, en = meta["pattern"]
                field["pattern"] = [regex, f"เขียนเป็น{th} / Write {en}"]
        if meta["hint"]["th"]:
            field["hint"] = _both(meta["hint"])
        fields.append(field)
    return fields


def home_collection(languages: Languages, data_dir: str) -> dict[str, Any]:
    return {
        "name": "home", "label": "หน้าแรก: บริการและประกาศด่วน / Home page: services and alerts",
        "editor": {"preview": False},
        "files": [{"name": kind.name, "label": _both(kind.label), "file": f"{data_dir}/{kind.name}.yml",
                   "fields": [{"name": kind.key, "label": _both(kind.label), "widget": "list", "required": False,
                               "label_singular": _both(kind.item),
                               "fields": record_fields(kind.record, languages)}]}
                  for kind in home.FILES],
    }


def office_collection(languages: Languages, office_file: str = OFFICE_FILE, record: type = Office) -> dict[str, Any]:
    """The office's details (core/office.py's Office): one file, its form generated from the dataclass's fields."""
    return {
        "name": "office", "label": "ข้อมูลสำนักงาน / Office details", "editor": {"preview": False},
        "files": [{"name": "office", "label": "ข้อมูลสำนักงาน / Office details", "file": office_file,
                   "fields": record_fields(record, languages)}],
    }


def _nav_pages(nav: Any, trail: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(label, path under the language folder) of every Markdown page in the navigation, in menu order."""
    pages: list[tuple[str, str]] = []
    for entry in nav or []:
        if isinstance(entry, str):
            if entry.endswith(".md"):
                pages.append((" › ".join(trail + (entry,)), entry))
        elif isinstance(entry, dict):
            for label, value in entry.items():
                if isinstance(value, str):
                    if value.endswith(".md"):
                        pages.append((" › ".join(trail + (str(label),)), value))
                else:
                    pages.extend(_nav_pages(value, trail + (str(label),)))
    return pages


def pages_collection(nav: Any, docs_dir: str, languages: Languages) -> dict[str, Any]:
    """Ordinary pages, one entry per page of the menu and language (Decap allows i18n in a files collection only
    as single_file, and the site keeps a file per language), Thai and English next to each other in the list."""
    return {
        "name": "pages", "label": "หน้าเว็บทั่วไป / Pages", "editor": {"preview": False},
        "files": [{"name": f"{code}/{path[:-3]}", "label": f"{label} ({languages.name(code)})",
                   "file": f"{docs_dir}/{code}/{path}",
                   # A picture uploaded into a page goes to the shared images folder and is linked relative to the
                   # page, as MkDocs resolves it (an address from the root would break a site published in a folder).
                   "media_folder": f"/{docs_dir}/assets/images/pages",
                   "public_folder": posixpath.relpath(f"{docs_dir}/assets/images/pages",
                                                     posixpath.dirname(f"{docs_dir}/{code}/{path}")),
                   "fields": [{"name": "title", "label": "หัวข้อ / Title", "widget": "string", "required": False},
                              {"name": "body", "label": "เนื้อหา / Body", "widget": "markdown", "modes": ["raw"]}]}
                  for label, path in _nav_pages(nav) for code in languages.codes],
    }


def backend_config(options: dict[str, Any]) -> dict[str, Any]:
    """`proxy` is the local working tree (make edit); github, gitlab and gitea publish through the Git host."""
    name = options.get("backend") or "proxy"
    if name not in BACKENDS:
        raise ValueError(f"editor backend must be one of {', '.join(BACKENDS)}, not {name!r}")
    backend: dict[str, Any] = {"name": name, "branch": options.get("branch") or "main"}
    if name == "proxy":
        backend["proxy_url"] = options.get("proxy_url") or f"http://127.0.0.1:{LOCAL_PROXY_PORT}/api/v1"
    else:
        if not options.get("repo"):
            raise ValueError("the editor's Git host backend needs repo: owner/name")
        backend["repo"] = options["repo"]
        for key in ("base_url", "api_root", "app_id", "auth_endpoint", "auth_type"):
            if options.get(key):
                backend[key] = options[key]
    return backend


def editor_config(*, sections: dict, rules: dict[str, FieldRule], languages: Languages, nav: Any,
                  docs_dir: str = "docs", data_dir: str = "data", office_file: str = OFFICE_FILE,
                  options: dict[str, Any] | None = None) -> dict:
    """The whole Decap configuration (written as admin/config.yml)."""
    options = options or {}
    collections = []
    for name, section in sections.items():
        folder = section["folder"]
        collections.append({
            "name": name, "label": _both(section["title"]), "label_singular": _both(section["title"]),
            "folder": f"{docs_dir}/{folder}", "create": True, "delete": True, "i18n": True,
            "extension": "md", "format": "frontmatter",
            # The file name is the item's permanent id: its date and a short English name (make new-item's form).
            "slug": "{{fields.date | date('YYYY-MM-DD')}}-{{fields.slug}}",
            "identifier_field": "title", "summary": "{{fields.date | date('YYYY-MM-DD')}} {{title}}",
            "sortable_fields": ["date", "title"],
            # Uploads go to the section's images folder; items (docs/<language>/<folder>/x.md) link them relative to
            # themselves, the form sections/items.py resolves and checks (image: ../../assets/images/news/photo.png).
            "media_folder": f"/{docs_dir}/assets/images/{folder}", "public_folder": f"../../assets/images/{folder}",
            "fields": item_fields(rules, section["categories"]),
        })
    collections.append(pages_collection(nav, docs_dir, languages))
    collections.append(home_collection(languages, data_dir))
    collections.append(office_collection(languages, office_file))
    return {
        "backend": backend_config(options),
        "locale": languages.default if languages.default == "th" else "en",
        "media_folder": f"{docs_dir}/assets/images/uploads",
        "public_folder": "/assets/images/uploads",
        "i18n": {"structure": "multiple_folders", "locales": list(languages.codes),
                 "default_locale": languages.default},
        "collections": collections,
    }


def path_rules(languages: Languages, docs_dir: str, sections: dict) -> dict[str, Any]:
    """What changwat-editor.js needs to map Decap's paths to the site's: the docs folder, the locales and the item
    folders (whose index.md is a section page, not an item)."""
    return {"docs": docs_dir, "locales": list(languages.codes),
            "itemFolders": [f"{docs_dir}/{s['folder']}" for s in sections.values()]}
