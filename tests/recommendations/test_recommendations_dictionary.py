"""The open data's data dictionary: every column the export writes is described, and nothing else is."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from changwat.recommendations.dictionary import (
    CSV_FIELDS, dictionary_csv, dictionary_json, load_dictionary, table,
)
from changwat.recommendations.export import RECOMMENDATION_FIELDS, SCORE_FIELDS

from test_recommendations_site import LANGS, content, read_downloads, soup, site  # noqa: F401  (the built site)


def test_the_dictionary_describes_exactly_the_exported_columns_in_order():
    assert table("recommendations").names == RECOMMENDATION_FIELDS
    assert table("scores").names == SCORE_FIELDS


def test_every_field_has_a_type_and_a_meaning_in_both_languages():
    for t in load_dictionary():
        assert t.title["th"] and t.title["en"] and t.files
        for f in t.fields:
            assert f.type_label["th"] and f.type_label["en"], f.name
            assert f.meaning["th"].strip() and f.meaning["en"].strip(), f.name
            assert set(f.values) in (set(), {"th", "en"}), f.name


def test_the_published_files_carry_every_field_in_both_languages():
    rows = list(csv.DictReader(io.StringIO(dictionary_csv().decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_FIELDS
    assert len(rows) == sum(len(t.fields) for t in load_dictionary())
    assert all(r["meaning_th"] and r["meaning_en"] for r in rows)
    data = json.loads(dictionary_json())
    assert [t["table"] for t in data["tables"]] == [t.key for t in load_dictionary()]


@pytest.mark.parametrize("lang,prefix", LANGS.items())
def test_the_dictionary_matches_what_the_built_downloads_hold(site, lang, prefix):  # noqa: F811
    rows, scores, data, xml = read_downloads(site, prefix)
    assert tuple(rows[0]) == table("recommendations").names
    assert tuple(scores[0]) == table("scores").names
    record = data["dimensions"][0]["sub_indicators"][0]["recommendations"][0]
    assert tuple(record) == table("recommendations").names
    assert set(data["overall"]) == set(table("scores").names)
    assert set(data["dimensions"][0]) - {"sub_indicators"} == set(table("scores").names)
    assert tuple(data["metadata"]) == table("metadata").names
    assert tuple(c.tag for c in xml.find("./dimension/sub_indicator/recommendation")) == table("recommendations").names
    assert tuple(c.tag for c in xml.find("overall")) == table("scores").names
    assert tuple(c.tag for c in xml.find("metadata")) == table("metadata").names
    folder = site / prefix / "recommendations" / "data"
    assert (folder / "data-dictionary.csv").read_bytes() == dictionary_csv()
    assert (folder / "data-dictionary.json").read_bytes() == dictionary_json()


@pytest.mark.parametrize("lang,prefix", LANGS.items())
def test_the_open_data_page_publishes_and_links_the_dictionary(site, lang, prefix):  # noqa: F811
    page = content(soup(site, prefix + "recommendations/open-data"))
    links = {a["href"].rsplit("/", 1)[-1] for a in page.select("a[download]")}
    assert {"data-dictionary.csv", "data-dictionary.json"} <= links
    for t in load_dictionary():
        shown = [th.get_text(strip=True) for th in page.select(f"#changwat-rec-dictionary-{t.key} + div tbody th")]
        assert shown == list(t.names), t.key
    meaning = table("recommendations").fields[0].meaning[lang]
    assert meaning in page.get_text(" ", strip=True)
