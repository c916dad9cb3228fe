from __future__ import annotations

import yaml

from changwat.core.office import Office, fill_placeholders, parse_office
from conftest import ROOT


def sample_office() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extra = text[text.index("\nextra:\n") + 1:]
    # service_url uses !ENV, a tag only MkDocs's loader knows: the office block alone is plain YAML.
    office = extra[extra.index("  office:\n"):]
    return yaml.safe_load("office:\n" + "\n".join(line[2:] for line in office.splitlines()[1:]))["office"]


def test_the_sample_office_is_valid_and_typed():
    office, problems = parse_office(sample_office(), ("th", "en"))
    assert problems == [] and isinstance(office, Office)
    assert office.phone == "0 9999 1234" and office.fax == "0 9999 1235"
    assert [s.name for s in office.social] == ["Facebook", "LINE", "YouTube"]
    english = office.for_language("en", "th")
    assert english["name"] == "Sample Provincial Office" and english["phone"] == "0 9999 1234"
    assert english["social"][0] == {"name": "Facebook", "url": "https://www.facebook.com/sampleprovince"}


def test_missing_and_untranslated_details_are_named():
    raw = sample_office()
    del raw["email"]
    raw["hours"] = {"th": "จันทร์–ศุกร์"}
    raw["mobile"] = "08"
    office, problems = parse_office(raw, ("th", "en"))
    assert office is None
    fields = {p.field for p in problems}
    assert fields == {"extra.office.email", "extra.office.hours", "extra.office.mobile"}
    assert all(p.file == "mkdocs.yml" and p.what_th and p.what_en and p.fix_th and p.fix_en for p in problems)


def test_optional_details_may_be_left_out():
    raw = {k: v for k, v in sample_office().items() if k not in {"fax", "hotline", "map_url", "social",
                                                                   "sample_notice"}}
    office, problems = parse_office(raw, ("th", "en"))
    assert problems == [] and office.fax is None and office.social == ()


def test_no_office_at_all():
    office, problems = parse_office(None, ("th", "en"))
    assert office is None and problems[0].field == "extra.office"


def test_placeholders_are_filled_and_unknown_ones_reported_with_their_line():
    office = parse_office(sample_office(), ("th", "en"))[0].for_language("th", "th")
    text, problems = fill_placeholders("โทร {{ office.phone }}\n\n{{office.mobile}}", office, "docs/th/x.md", 3)
    assert text.startswith("โทร 0 9999 1234") and "{{office.mobile}}" in text
    assert [(p.file, p.line, p.field) for p in problems] == [("docs/th/x.md", 6, "office.mobile")]
