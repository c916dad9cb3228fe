"""The editor's configuration follows sections.yml and fields.yml: change the data, the configuration changes."""

from __future__ import annotations

import dataclasses

from changwat.core.languages import Languages
from changwat.editor.config import editor_config
from changwat.sections.fields import field_rules
from changwat.sections.items import section_definitions

LANGS = Languages(codes=("th", "en"), names={"th": "ไทย", "en": "English"})
NAV = [{"หน้าแรก": "index.md"}, {"เกี่ยวกับเรา": ["about/index.md", "about/history.md"]}]


def _config(sections=None, rules=None):
    return editor_config(sections=sections or section_definitions(), rules=rules or field_rules(), languages=LANGS,
                         nav=NAV)


def test_collections_and_fields_follow_the_data():
    config = _config()
    items = {c["name"]: c for c in config["collections"] if "folder" in c}
    assert set(items) == set(section_definitions())
    assert config["locale"] == "th" and config["i18n"]["locales"] == ["th", "en"]
    for name, section in section_definitions().items():
        fields = {f["name"]: f for f in items[name]["fields"]}
        assert [o["value"] for o in fields["category"]["options"]] == list(section["categories"])
        for rule in field_rules().values():
            assert fields[rule.name]["required"] == rule.required
        assert fields["summary"]["pattern"][0] == "^[\\s\\S]{0,%d}$" % field_rules()["summary"].max_length
        assert fields["image_alt"]["widget"] == "changwat-required-with"
    pages = next(c for c in config["collections"] if c["name"] == "pages")
    assert [f["file"] for f in pages["files"]][:2] == ["docs/th/index.md", "docs/en/index.md"]


def test_changing_the_data_changes_the_config():
    rules = dict(field_rules())
    rules["summary"] = dataclasses.replace(rules["summary"], max_length=120)
    sections = {"news": {**section_definitions()["news"], "categories": {"only": {"th": "เดียว", "en": "Only"}}}}
    config = _config(sections, rules)
    (news,) = [c for c in config["collections"] if "folder" in c]
    fields = {f["name"]: f for f in news["fields"]}
    assert fields["summary"]["pattern"][0] == "^[\\s\\S]{0,120}$"
    assert "120" in fields["summary"]["hint"]
    assert fields["category"]["options"] == [{"label": "เดียว (Only)", "value": "only"}]


def _office(config):
    (office,) = next(c for c in config["collections"] if c["name"] == "office")["files"]
    return office


def test_the_office_form_follows_the_office_record():
    from changwat.core.office import Office
    from changwat.core.records import required

    office = _office(_config())
    assert office["file"] == "data/office.yml"
    fields = {f["name"]: f for f in office["fields"]}
    assert list(fields) == [f.name for f in dataclasses.fields(Office)]
    for f in dataclasses.fields(Office):
        assert fields[f.name]["required"] == required(f)
        assert fields[f.name]["label"].startswith(f.metadata["label"]["th"])
    # A text per language, Thai first; a value in the form the build accepts; social links as a list of records.
    assert [(s["name"], s["required"]) for s in fields["hours"]["fields"]] == [("th", True), ("en", True)]
    assert [s["required"] for s in fields["sample_notice"]["fields"]] == [False, False]
    assert fields["phone_e164"]["pattern"][0] == Office.__dataclass_fields__["phone_e164"].metadata["pattern"][0]
    assert [s["name"] for s in fields["social"]["fields"]] == ["name", "url"]
    assert fields["social"]["fields"][1]["pattern"][0].startswith("^https://")


def test_changing_the_office_record_changes_its_form():
    from changwat.core.records import spec
    from changwat.editor.config import office_collection

    @dataclasses.dataclass(frozen=True)
    class Smaller:
        name: dict = spec("text", "ชื่อ", "Name")
        line_id: str | None = spec("value", "ไลน์", "LINE ID", default=None, pattern=(r"^@\w+$", "@ชื่อ", "@name"))

    assert "line_id" not in {f["name"] for f in _office(_config())["fields"]}
    changed = office_collection(LANGS, "data/contact.yml", record=Smaller)["files"][0]
    assert changed["file"] == "data/contact.yml"
    assert [(f["name"], f["required"]) for f in changed["fields"]] == [("name", True), ("line_id", False)]
    assert changed["fields"][1]["pattern"] == ["^@\\w+$", "เขียนเป็น@ชื่อ / Write @name"]


def test_uploads_land_where_the_pages_link_them():
    """Decap writes an upload to media_folder (from the repository's root) and links it as public_folder/<name>; an
    item or page resolves that link from its own folder, as MkDocs and sections/items.py do."""
    import posixpath

    config = _config()
    checked = 0
    for collection in config["collections"]:
        if "folder" in collection:
            media, public = collection["media_folder"], collection["public_folder"]
            files = [f"{collection['folder'].replace('docs/', f'docs/{code}/', 1)}/x.md" for code in LANGS.codes]
            targets = [(f, media, public) for f in files]
        elif collection["name"] == "pages":
            targets = [(f["file"], f["media_folder"], f["public_folder"]) for f in collection["files"]]
        else:
            continue
        for file, media, public in targets:
            assert media.startswith("/docs/assets/images/")
            assert posixpath.normpath(posixpath.join(posixpath.dirname(file), public)) == media.lstrip("/"), file
            checked += 1
    assert checked > len(section_definitions()) * 2
