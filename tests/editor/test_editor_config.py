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
