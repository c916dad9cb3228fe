"""The office's details in data/office.yml: checked into a typed record, every problem at its line, in one round;
a site that still keeps them under extra.office in mkdocs.yml is told which lines to move."""

from __future__ import annotations

import dataclasses

import yaml

from changwat.core.office import (
    Office, fill_placeholders, load_office, office_left_in_config, parse_office,
)
from changwat.core.records import required
from conftest import ROOT, mkdocs_build, write_minisite

SHOWN = "data/office.yml"
LANGS = ("th", "en")


def sample_text() -> str:
    return (ROOT / "data" / "office.yml").read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def test_the_sample_office_is_valid_and_typed():
    office, problems = load_office(ROOT / "data" / "office.yml", SHOWN, LANGS)
    assert problems == [] and isinstance(office, Office)
    assert office.phone == "0 9999 1234" and office.fax == "0 9999 1235" and office.postal_code == "99999"
    assert [s.name for s in office.social] == ["Facebook", "LINE", "YouTube"]
    english = office.for_language("en", "th")
    assert english["name"] == "Sample Provincial Office" and english["phone"] == "0 9999 1234"
    assert english["social"][0] == {"name": "Facebook", "url": "https://www.facebook.com/sampleprovince"}


def test_the_sample_site_keeps_no_office_in_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  office:" not in text


def test_every_problem_is_named_at_its_line_in_one_round():
    text = sample_text()
    text = text.replace('email: saraban@sample-province.go.th\n', 'email: ""\n')
    text = text.replace("  en: Monday to Friday, 08:30–16:30 (closed on public holidays)\n", "")
    text = text.replace('phone_e164: "+6699991234"', 'phone_e164: "099 999 1234"')
    text = text.replace("  - name: LINE\n    url: https://line.me/R/ti/p/@sampleprovince\n", "  - name: LINE\n")
    text += "mobile: \"08\"\n"
    office, problems = parse_office(text, SHOWN, LANGS)
    assert office is None
    found = {p.field: p.line for p in problems}
    assert found == {"email": line_of(text, "email:"), "hours.en": line_of(text, "hours:"),
                     "phone_e164": line_of(text, "phone_e164:"), "social[2].url": line_of(text, "  - name: LINE"),
                     "mobile": line_of(text, "mobile:")}, [p.explain() for p in problems]
    assert all(p.file == SHOWN and p.what_th and p.what_en and p.fix_th and p.fix_en for p in problems)
    e164 = next(p for p in problems if p.field == "phone_e164")
    assert "+6699991234" in e164.fix_en and "099 999 1234" in e164.what_en


def test_a_text_must_be_given_per_language_and_a_value_must_be_one():
    text = sample_text().replace("name:\n  th: สำนักงานจังหวัดตัวอย่าง\n  en: Sample Provincial Office\n",
                                 "name: สำนักงานจังหวัดตัวอย่าง\n")
    text = text.replace('phone: "0 9999 1234"', 'phone:\n  th: "0 9999 1234"')
    _, problems = parse_office(text, SHOWN, LANGS)
    assert {p.field for p in problems} == {"name", "phone"}
    assert "th: ..." in next(p for p in problems if p.field == "name").fix_en


def test_optional_details_may_be_left_out_or_blank():
    data = yaml.safe_load(sample_text())
    for key in ("fax", "hotline", "map_url", "social"):
        del data[key]
    data["sample_notice"] = {"th": "", "en": ""}   # what the editor saves for a text nobody filled in
    office, problems = parse_office(yaml.safe_dump(data, allow_unicode=True), SHOWN, LANGS)
    assert problems == [] and office.fax is None and office.social == () and office.sample_notice is None


def test_required_details_are_the_dataclass_fields_without_a_default():
    names = {f.name for f in dataclasses.fields(Office) if required(f)}
    assert {"name", "email", "phone", "hours"} <= names and not {"fax", "social", "sample_notice"} & names
    _, problems = parse_office("", SHOWN, LANGS)
    assert {p.field for p in problems} == names


def test_a_broken_yaml_file_names_its_line():
    text = sample_text().replace('phone: "0 9999 1234"', 'phone: "0 9999 1234')
    office, [problem] = parse_office(text, SHOWN, LANGS)
    assert office is None and problem.file == SHOWN and problem.line >= line_of(text, "phone:")


def test_a_missing_file_is_a_problem(tmp_path):
    office, [problem] = load_office(tmp_path / "office.yml", SHOWN, LANGS)
    assert office is None and SHOWN in problem.what_en and "email" in problem.fix_en and problem.fix_th


def test_office_left_in_mkdocs_yml_names_the_lines_to_move(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  service_url: !ENV [X, \"https://s.x.go.th\"]\n  office:\n"
                      "    name:\n      th: ก\n    phone: \"1\"\nnav:\n  - index.md\n", encoding="utf-8")
    problem = office_left_in_config(config, tmp_path, SHOWN, office_exists=False)
    assert (problem.file, problem.line, problem.field) == ("mkdocs.yml", 4, "extra.office")
    assert "lines 5–7" in problem.fix_en and "4 spaces" in problem.fix_en and "4–7" in problem.fix_en
    assert "5–7" in problem.fix_th and SHOWN in problem.fix_th
    kept = office_left_in_config(config, tmp_path, SHOWN, office_exists=True)
    assert "delete lines 4–7" in kept.fix_en


def test_office_left_in_an_inherited_configuration_is_found(tmp_path):
    (tmp_path / "base.yml").write_text("extra:\n  office:\n    phone: \"1\"\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: x\n", encoding="utf-8")
    problem = office_left_in_config(tmp_path / "mkdocs.yml", tmp_path, SHOWN, office_exists=False)
    assert (problem.file, problem.line) == ("base.yml", 2)


def test_the_build_stops_on_an_office_still_in_mkdocs_yml(tmp_path):
    config = write_minisite(tmp_path)
    office = (tmp_path / "data" / "office.yml")
    moved = "".join(f"    {line}\n" for line in office.read_text(encoding="utf-8").splitlines()
                    if not line.startswith("#"))
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  office:\n" + moved, encoding="utf-8")
    office.unlink()
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stdout + result.stderr
    assert "extra.office" in out and "data/office.yml" in out and "ย้ายบรรทัด" in out
    assert not (tmp_path / "site").exists()


def test_a_site_without_its_office_file_does_not_build(tmp_path):
    config = write_minisite(tmp_path)
    (tmp_path / "data" / "office.yml").unlink()
    result = mkdocs_build(config, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out and "ไม่พบไฟล์ข้อมูลสำนักงาน data/office.yml" in out


def test_the_office_file_is_configurable(tmp_path):
    config = write_minisite(tmp_path)
    (tmp_path / "data" / "office.yml").rename(tmp_path / "contact.yml")
    # The sample's configuration with the option set, inherited by the mini site as before.
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - changwat-site\n" in base
    (tmp_path / "base.yml").write_text(base.replace("\n  - changwat-site\n",
                                                    "\n  - changwat-site:\n      office_file: contact.yml\n"))
    config.write_text(config.read_text(encoding="utf-8").replace(f"INHERIT: {ROOT / 'mkdocs.yml'}", "INHERIT: base.yml"),
                      encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 9999 1234" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_placeholders_are_filled_and_unknown_ones_reported_with_their_line():
    office = load_office(ROOT / "data" / "office.yml", SHOWN, LANGS)[0].for_language("th", "th")
    text, problems = fill_placeholders("โทร {{ office.phone }}\n\n{{office.mobile}}", office, "docs/th/x.md", 3)
    assert text.startswith("โทร 0 9999 1234") and "{{office.mobile}}" in text
    assert [(p.file, p.line, p.field) for p in problems] == [("docs/th/x.md", 6, "office.mobile")]
    assert SHOWN in problems[0].fix_en
