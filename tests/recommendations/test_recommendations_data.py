"""Checks for data/recommendations.yml, the transcription of the Thai report
"ข้อเสนอแนะเพื่อยกระดับการพัฒนารัฐบาลดิจิทัลของหน่วยงาน".

The source is text extracted from a PDF (shared/seed/recommendations-th.txt,
beside the repository). Its Thai is damaged: a real sara am (U+0E33) is split
off as " ำ", every other "ำ" stands for "า" (U+0E32), and tone marks / vowels
are displaced. The tests below:

* pin the structure (dimensions, weights, sub-indicators, recommendation
  counts and displayed numbers) to a table established by reading the source;
* check ids and that no text is empty;
* compare every recommendation's Thai text with the source after undoing the
  known PDF damage (``normalise``), and check hand-picked damaged/repaired
  pairs independently of that normaliser;
* make sure no PDF damage is left in the data;
* check that the links are exactly the source's URLs.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "recommendations.yml"
SOURCE = REPO.parent / "shared" / "seed" / "recommendations-th.txt"

# --------------------------------------------------------------------------
# Expected structure, established by reading the source (see the comments in
# data/recommendations.yml). For each dimension: its weight in percent and,
# per sub-indicator, the recommendations' numbers exactly as the source
# displays them. Dimension 2 repeats 4., 5. and 6.; dimension 3's
# "1) Proportion of Digital Services" and dimension 4's "1) Internal
# Integration" labels are repeated at page breaks but are one sub-indicator.
# Counts: d1 4+1+1+4=10, d2 4+3+2+1=10, d3 10+2+6+3=21, d4 5+4=9,
# d5 9+6=15, d6 1+1+1+1=4; 69 in total.
# --------------------------------------------------------------------------
def _nums(a: int, b: int) -> list[str]:
    return [f"{i}." for i in range(a, b + 1)]


EXPECTED = {
    "d1": (20, {"d1-s1": _nums(1, 4), "d1-s2": ["5."], "d1-s3": ["6."], "d1-s4": _nums(7, 10)}),
    "d2": (20, {"d2-s1": _nums(1, 4), "d2-s2": _nums(4, 6), "d2-s3": _nums(5, 6), "d2-s4": ["7."]}),
    "d3": (30, {"d3-s1": _nums(1, 10), "d3-s2": _nums(11, 12), "d3-s3": _nums(13, 18),
                "d3-s4": _nums(19, 21)}),
    "d4": (10, {"d4-s1": _nums(1, 5), "d4-s2": _nums(6, 9)}),
    "d5": (15, {"d5-s1": _nums(1, 9), "d5-s2": _nums(10, 15)}),
    "d6": (5, {"d6-s1": ["1."], "d6-s2": ["2."], "d6-s3": ["3."], "d6-s4": ["4."]}),
}
EXPECTED_PER_DIMENSION = {"d1": 10, "d2": 10, "d3": 21, "d4": 9, "d5": 15, "d6": 4}
EXPECTED_TOTAL = 69

ID_PATTERNS = {
    "dimension": re.compile(r"^d[1-9]$"),
    "sub_indicator": re.compile(r"^d[1-9]-s[1-9][0-9]*$"),
    "recommendation": re.compile(r"^d[1-9]-s[1-9][0-9]*-r[1-9][0-9]*$"),
}

# --------------------------------------------------------------------------
# Undoing the PDF damage
# --------------------------------------------------------------------------
TONE = "\u0e48-\u0e4b"                      # ่ ้ ๊ ๋
UPPER_LOWER = "\u0e31\u0e34-\u0e39\u0e47"   # ั ิ ี ึ ื ุ ู ฺ ็
MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # every combining mark
CONSONANTS = "\u0e01-\u0e2e"

# Displaced marks that no general rule can put back. Keys are in the form the
# text has after the general rules of ``normalise`` (ำ already turned into า).
FIXES = [
    # headings render ำ as ้ + า
    ("น้้า", "น้ำ"), ("การน้าไปใช้", "การนำไปใช้"),
    ("ดจิิ", "ดิจิ"), ("ทลั", "ทัล"), ("ขบั", "ขับ"), ("สูก่", "สู่ก"), ("หรอื", "หรือ"),
    ("หนว่ย", "หน่วย"), ("แจง้", "แจ้ง"), ("ใชบ้", "ใช้บ"), ("ชอ่ง", "ช่อง"), ("อนญุ", "อนุญ"),
    ("เวบ็", "เว็บ"), ("ใชง้", "ใช้ง"), ("ขอ้", "ข้อ"), ("ประสทิธิ", "ประสิทธิ"), ("ทีจ่", "ที่จ"),
    ("หมายถงึ", "หมายถึง"), ("สว่น", "ส่วน"), ("ภยั", "ภัย"), ("ชือ่", "ชื่อ"), ("วิธกีาร", "วิธีการ"),
    ("มวีั", "มีวั"), ("บรกิ", "บริก"), ("เปลีย่น", "เปลี่ยน"), ("ตอ่", "ต่อ"), ("มลู", "มูล"),
    ("ใหบ้", "ให้บ"), ("พจิ", "พิจ"), ("ชพี", "ชีพ"), ("กบั", "กับ"), ("เพือ่", "เพื่อ"),
    ("สำนกั", "สำนัก"), ("ทีภ่", "ที่ภ"), ("มกี", "มีก"), ("นยีบัตร", "นียบัตร"), ("รกจิ", "รกิจ"),
    ("ทกัษะ", "ทักษะ"), ("ประโยชนจ์", "ประโยชน์จ"), ("ประโยชนส์", "ประโยชน์ส"), ("ปญัหา", "ปัญหา"),
    ("กลุม่", "กลุ่ม"), ("ลกัษณะ", "ลักษณะ"), ("ชว่ง", "ช่วง"), ("บงัคับ", "บังคับ"), ("ใหป้", "ให้ป"),
    ("ใหร้", "ให้ร"), ("ประสิทธภิาพ", "ประสิทธิภาพ"), ("ตอ้ง", "ต้อง"), ("พงึ", "พึง"),
    ("ภูมภิาค", "ภูมิภาค"), ("อตัรา", "อัตรา"), ("สถติิ", "สถิติ"), ("วยัทำ", "วัยทำ"),
    ("สมัพันธ์", "สัมพันธ์"), ("บรหิาร", "บริหาร"), ("มคีวาม", "มีความ"), ("เปน็", "เป็น"),
    ("หลกัเกณฑ์", "หลักเกณฑ์"), ("ดว้ย", "ด้วย"), ("ตวัตน", "ตัวตน"), ("พฒันา", "พัฒนา"),
    ("ดำเนนิ", "ดำเนิน"), ("รบั/", "รับ/"), ("ระเบยีบ", "ระเบียบ"), ("ธรุกิจ", "ธุรกิจ"),
    ("เกีย่ว", "เกี่ยว"), ("ที่สดุ", "ที่สุด"), ("พืน้", "พื้น"), ("ใหมั้่น", "ให้มั่น"),
    ("คอมพวิเตอร์", "คอมพิวเตอร์"), ("สงู", "สูง"), ("ตวัประชาชน", "ตัวประชาชน"), ("นิว้", "นิ้ว"),
    ("อพัเดต", "อัพเดต"), ("ใหพ้", "ให้พ"), ("จดัทำ", "จัดทำ"), ("สำหรบั", "สำหรับ"), ("ใหอ้", "ให้อ"),
    ("รฐั", "รัฐ"), ("ประเมนิ", "ประเมิน"), ("ปรับปรงุ", "ปรับปรุง"), ("เกดิ", "เกิด"), ("ถกู", "ถูก"),
    ("อัจฉรยิะ", "อัจฉริยะ"), ("ใชวิ้", "ใช้วิ"), ("เกบ็", "เก็บ"), ("ยกระดบั", "ยกระดับ"),
]


def normalise(text: str) -> str:
    """Turn the PDF extraction's damaged Thai into the repaired form."""
    text = text.replace(" \u0e33", "\x00")      # a real sara am, split off by a space
    text = text.replace("\u0e33", "\u0e32")      # every other ำ stands for า
    text = text.replace("\x00", "\u0e33")
    text = re.sub(f" ([{MARKS}])", r"\1 ", text)                       # mark pushed past a space
    text = re.sub(f"([{TONE}])([{UPPER_LOWER}])", r"\2\1", text)       # tone mark before its vowel
    text = re.sub(f"([\u0e30\u0e32\u0e40-\u0e44])([{MARKS}])", r"\2\1", text)  # mark after a vowel letter
    for damaged, repaired in FIXES:
        text = text.replace(damaged, repaired)
    return text


def squash(text: str) -> str:
    """Drop all whitespace, so that line breaks and page layout do not matter."""
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------
# Fixtures and helpers
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def data() -> dict:
    with DATA.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def source() -> str:
    # The seed lives beside the repository (../shared), as in CI; without it the comparison cannot be made.
    assert SOURCE.is_file(), f"source text not found at {SOURCE}: check out ../shared beside the repository"
    return SOURCE.read_text(encoding="utf-8")


def recommendations(data: dict):
    for dim in data["dimensions"]:
        for sub in dim["sub_indicators"]:
            for rec in sub["recommendations"]:
                yield dim, sub, rec


def by_id(data: dict) -> dict:
    return {rec["id"]: rec for _, _, rec in recommendations(data)}


def all_strings(node, path="$"):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from all_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from all_strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


# --------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------
def test_file_round_trips_with_safe_load(data):
    assert yaml.safe_load(yaml.safe_dump(data, allow_unicode=True)) == data
    assert set(data) >= {"title", "source", "dimensions"}
    assert data["source"]["file"] == "seed/recommendations-th.txt"


def test_six_dimensions_with_weights_summing_to_100(data):
    dims = data["dimensions"]
    assert len(dims) == 6
    assert [d["weight"] for d in dims] == [20, 20, 30, 10, 15, 5]
    assert sum(d["weight"] for d in dims) == 100
    assert [d["number"] for d in dims] == [1, 2, 3, 4, 5, 6]
    assert [d["id"] for d in dims] == list(EXPECTED)


def test_counts_and_displayed_numbers_match_the_source_reading(data):
    total = 0
    for dim in data["dimensions"]:
        weight, subs = EXPECTED[dim["id"]]
        assert dim["weight"] == weight
        got = {s["id"]: [r["number"] for r in s["recommendations"]] for s in dim["sub_indicators"]}
        assert got == subs, dim["id"]
        count = sum(len(s["recommendations"]) for s in dim["sub_indicators"])
        assert count == EXPECTED_PER_DIMENSION[dim["id"]], dim["id"]
        total += count
    assert total == EXPECTED_TOTAL


def test_sub_indicator_numbers_are_as_displayed(data):
    for dim in data["dimensions"]:
        numbers = [s["number"] for s in dim["sub_indicators"]]
        assert numbers == [f"{i})" for i in range(1, len(numbers) + 1)], dim["id"]


def test_source_has_exactly_these_recommendations_in_this_order(data, source):
    """Independent of the table above: find every 'N. <Thai>' start in the source."""
    start = re.compile(r"^\s*(?:\d\)[^\n]*?\s)?(\d{1,2}\.) (?=[\u0e00-\u0e7f])")
    in_source = [m.group(1) for line in source.splitlines() if (m := start.match(line))]
    in_data = [rec["number"] for _, _, rec in recommendations(data)]
    assert in_source == in_data


# --------------------------------------------------------------------------
# Ids and texts
# --------------------------------------------------------------------------
def test_ids_are_unique_and_well_formed(data):
    seen = set()
    for dim in data["dimensions"]:
        assert ID_PATTERNS["dimension"].match(dim["id"])
        assert dim["id"] == f"d{dim['number']}"
        seen.add(dim["id"])
        ordinal = 0
        for s_index, sub in enumerate(dim["sub_indicators"], 1):
            assert ID_PATTERNS["sub_indicator"].match(sub["id"])
            assert sub["id"] == f"{dim['id']}-s{s_index}"
            assert sub["id"] not in seen
            seen.add(sub["id"])
            for rec in sub["recommendations"]:
                ordinal += 1
                assert ID_PATTERNS["recommendation"].match(rec["id"]), rec["id"]
                # r<K>: K-th recommendation of the dimension, in document order
                assert rec["id"] == f"{sub['id']}-r{ordinal}"
                assert rec["id"] not in seen, rec["id"]
                seen.add(rec["id"])
    assert len(seen) == 6 + 20 + EXPECTED_TOTAL  # 6 dimensions, 4+4+4+2+2+4 sub-indicators


def test_every_th_and_en_text_is_non_empty(data):
    pairs = [data["title"]]
    for dim in data["dimensions"]:
        pairs.append(dim["title"])
        if "note" in dim:
            pairs.append(dim["note"])
        for sub in dim["sub_indicators"]:
            pairs.append(sub["title"])
            for rec in sub["recommendations"]:
                pairs.append(rec["text"])
    for pair in pairs:
        assert set(pair) == {"th", "en"}, pair
        for lang in ("th", "en"):
            assert isinstance(pair[lang], str) and pair[lang].strip(), pair
        assert re.search("[\u0e00-\u0e7f]", pair["th"]), pair
    for _, _, rec in recommendations(data):
        # An English text is a translation, not a copy of the Thai.
        assert not re.search("[\u0e00-\u0e7f]", rec["text"]["en"]), rec["id"]
        assert rec["text"]["th"] == rec["text"]["th"].strip()


# --------------------------------------------------------------------------
# Verbatim comparison with the source
# --------------------------------------------------------------------------
def test_normaliser_leaves_no_damage_in_the_source(source):
    """The normaliser must repair the whole source, or the comparison below means little."""
    assert_no_damage(normalise(source), "normalised source")


def test_every_recommendation_matches_the_repaired_source(data, source):
    """Each recommendation, prefixed by its displayed number, is one contiguous passage of
    the repaired source, and nothing of the recommendation is left out after it."""
    repaired = squash(normalise(source))
    boundary = re.compile(r"(ดูรายละเอียดเพิ่มเติมได้ที่|\d+\.|\d\)|มิติที่|ข้อเสนอแนะสำหรับ|หมายเหตุ|$)")
    for _, _, rec in recommendations(data):
        needle = squash(rec["number"] + rec["text"]["th"])
        assert repaired.count(needle) == 1, f"{rec['id']} not found verbatim in the repaired source"
        after = repaired[repaired.index(needle) + len(needle):]
        assert boundary.match(after), f"{rec['id']} stops early: next is {after[:40]!r}"


def test_titles_match_the_source(data, source):
    repaired = normalise(source)
    flat = squash(repaired)
    assert squash(data["title"]["th"]) in flat
    for dim in data["dimensions"]:
        heading = re.search(
            rf"(?:ตัวชี้วัดที่|มิติที่) {dim['number']}: (.+?) \((.+?)\) ค่าน้ำหนัก ร้อยละ (\d+)", repaired)
        assert heading, dim["id"]
        assert (heading.group(1), heading.group(2), int(heading.group(3))) == (
            dim["title"]["th"], dim["title"]["en"], dim["weight"])
        for sub in dim["sub_indicators"]:
            # the source's label: English for dimensions 1-5, Thai (with English) for 6
            label = sub["title"]["th"] if dim["id"] == "d6" else sub["title"]["en"]
            assert squash(sub["number"] + label) in flat, sub["id"]
    note = data["dimensions"][5]["note"]["th"]
    assert squash(note) in flat


# Hand-picked passages, checked without the normaliser: the damaged text as it
# is in the source file, and the repaired text as it must be in the data.
PAIRS = [
    ("d1-s1-r1", "ส่งเสริมให้ส ำนักงำนจังหวัดจัดท ำแผนเพื่อรองรับกำรพัฒนำด้ำนรัฐบำลดจิิทลัของหน่วยงำน",
     "ส่งเสริมให้สำนักงานจังหวัดจัดทำแผนเพื่อรองรับการพัฒนาด้านรัฐบาลดิจิทัลของหน่วยงาน"),
    ("d1-s1-r4", "สถำนะเร่ืองร้องเรียน และตรวจสอบสถำนะค ำร้องเรียน",
     "สถานะเรื่องร้องเรียน และตรวจสอบสถานะคำร้องเรียน"),
    ("d1-s2-r5", "(1) กำรเปิดเผยข้อมูลบนเวบ็ไซต์ data.go.th ซ่ึงถือเป็นศูนย์กลำงส ำหรับเผยแพร่ข้อมูลเปิดภำครัฐ",
     "(1) การเปิดเผยข้อมูลบนเว็บไซต์ data.go.th ซึ่งถือเป็นศูนย์กลางสำหรับเผยแพร่ข้อมูลเปิดภาครัฐ"),
    ("d1-s3-r6", "ซ่ึงต้องกระท ำตำมวิธกีำรแบบปลอดภยัใน", "ซึ่งต้องกระทำตามวิธีการแบบปลอดภัยใน"),
    ("d2-s1-r1", "เฉพำะด้ำนเทคโนโลย ี(Technologist) เพิ่มขึ้น", "เฉพาะด้านเทคโนโลยี (Technologist) เพิ่มขึ้น"),
    ("d2-s1-r3", "ให้แก่บุคลำกรภำครัฐอย่ำงสม่ ำเสมอ", "ให้แก่บุคลากรภาครัฐอย่างสม่ำเสมอ"),
    ("d2-s2-r5", "ของรองผู้ว่ำรำชกำรจังหวัดในฐำนะเป็น CIO", "ของรองผู้ว่าราชการจังหวัดในฐานะเป็น CIO"),
    ("d2-s4-r10", "เพื่อใช้ในกำรอธิบำยปญัหำและปรำกฏกำรณ์", "เพื่อใช้ในการอธิบายปัญหาและปรากฏการณ์"),
    ("d3-s1-r4", "และลดควำมเหลื่อมล้ ำในกำรเขำ้ถึง", "และลดความเหลื่อมล้ำในการเข้าถึง"),
    ("d3-s1-r9", "โดยหนว่ยงำนเป็นผู้ด ำเนินกำรบูรณำกำรเช่ือมโยงข้อมูลระหว่ำงหนว่ยงำนเพือ่อ ำนวยควำมสะดวก",
     "โดยหน่วยงานเป็นผู้ดำเนินการบูรณาการเชื่อมโยงข้อมูลระหว่างหน่วยงานเพื่ออำนวยความสะดวก"),
    ("d3-s3-r15", "มีกำรเผยแพร่ผลกำรประเมนิควำมพึงพอใจ", "มีการเผยแพร่ผลการประเมินความพึงพอใจ"),
    ("d3-s3-r17", "เก็บสถติิจ ำนวนผู้เข้ำชมเวบ็ไซต์", "เก็บสถิติจำนวนผู้เข้าชมเว็บไซต์"),
    ("d4-s1-r1", "ได้แก ่ระบบงำนบรหิำร", "ได้แก่ ระบบงานบริหาร"),
    ("d4-s2-r7", "และลดกำรลงทุนที่ซ้ ำซ้อน", "และลดการลงทุนที่ซ้ำซ้อน"),
    ("d5-s1-r6", "เพือ่ใหม้ั่นใจว่ำข้อมูลสำมำรถใช้งำนได้ตำมปกติ", "เพื่อให้มั่นใจว่าข้อมูลสามารถใช้งานได้ตามปกติ"),
    ("d5-s1-r8", "(ลำยนิว้มือ มำ่นตำ เสียง)", "(ลายนิ้วมือ ม่านตา เสียง)"),
    ("d5-s2-r14", "เพื่อจัดเก็บข้อมูลขนำดใหญ่ส ำหรบั", "เพื่อจัดเก็บข้อมูลขนาดใหญ่สำหรับ"),
    ("d6-s1-r1", "คุณภำพของน้ ำ เก็บข้อมูลกำรใช้น้ ำตำมอำคำรบ้ำนเรือน",
     "คุณภาพของน้ำ เก็บข้อมูลการใช้น้ำตามอาคารบ้านเรือน"),
    ("d6-s2-r2", "เพื่อใชว้ิเครำะห์ ประมวลผลข้อมูล", "เพื่อใช้วิเคราะห์ ประมวลผลข้อมูล"),
]


def test_hand_picked_passages(data, source):
    recs = by_id(data)
    assert len({rid for rid, _, _ in PAIRS}) >= 10
    for rid, damaged, repaired in PAIRS:
        assert damaged in source, f"{rid}: damaged passage not in the source"
        assert repaired in recs[rid]["text"]["th"], f"{rid}: repaired passage not in the data"
        assert squash(normalise(damaged)) == squash(repaired), rid


# --------------------------------------------------------------------------
# No PDF damage left
# --------------------------------------------------------------------------
# Words as the PDF misprints them with ำ for า (and other frequent breakage).
DAMAGED_WORDS = [
    "กำร", "งำน", "ภำค", "ผ่ำน", "สำมำรถ", "ควำม", "ตำม", "ด้ำน", "พัฒนำ", "รัฐบำล", "บริกำร",
    "ประชำชน", "ข้อมูลภำครัฐ", "ต่ำง", "อย่ำง", "ระหว่ำง", "เจ้ำหน้ำที่", "ทำง", "มำก", "สำรสนเทศ",
    "ดจิิทลั", "เพ่ือ", "เพือ่", "เร่ือง", "ซ่ึง", "เช่ือ", "เง่ือน", "น้้า", "หนว่ย", "ขอ้", "ใหบ้",
]
# Every sara am in the data must belong to one of these words (all real sara am
# words used in the report); any other ำ is a misprinted า.
SARA_AM_WORDS = [
    "สำนัก", "สำหรับ", "สำเนา", "สำคัญ", "สำรวจ", "สำรอง", "ดำเนิน", "ดำรง", "กำหนด", "กำลัง",
    "กำกับ", "จำนวน", "จำเป็น", "ประจำ", "ตำแหน่ง", "อำนาจ", "อำนวย", "บำรุง", "ชำระ", "คำนวณ",
    "คำร้อง", "ทำนาย", "สม่ำเสมอ", "ซ้ำซ้อน", "เหลื่อมล้ำ", "น้ำ", "ทำ", "นำ",
]


def assert_no_damage(text: str, where: str) -> None:
    problems = []
    if re.search(" \u0e33", text):
        problems.append("space before ำ")
    if m := re.search(f"[^{CONSONANTS}{TONE}]\u0e33", text):
        problems.append(f"ำ not after a consonant or tone mark: {m.group(0)!r}")
    if m := re.search(f"([{MARKS}])\\1", text):
        problems.append(f"doubled mark: {m.group(0)!r}")
    if m := re.search(f"[{TONE}][{UPPER_LOWER}]", text):
        problems.append(f"tone mark before its vowel: {m.group(0)!r}")
    if m := re.search(f"[{TONE}][{UPPER_LOWER}]*[{TONE}]", text):
        problems.append(f"two tone marks on one consonant: {m.group(0)!r}")
    if m := re.search(f"(?:^|[^{CONSONANTS}{MARKS}])[{MARKS}]", text):
        problems.append(f"mark not on a consonant: {m.group(0)!r}")
    for word in DAMAGED_WORDS:
        if word in text and not (word == "ทำง" and text.count("ทำง") == text.count("ทำงาน")):
            problems.append(f"damaged word {word!r}")
    leftover = re.sub("|".join(sorted(SARA_AM_WORDS, key=len, reverse=True)), "", text)
    if m := re.search(".{0,6}\u0e33.{0,6}", leftover):
        problems.append(f"ำ outside a known sara am word: {m.group(0)!r}")
    assert not problems, f"{where}: {problems}"


def test_no_pdf_damage_left_in_the_data(data):
    for path, text in all_strings(data):
        assert_no_damage(text, path)


# --------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------
def test_links_are_the_source_urls(data, source):
    urls_in_source = re.findall(r"https?://[^\s,]+", source)
    links = [url for _, _, rec in recommendations(data) for url in rec["links"]]
    for _, _, rec in recommendations(data):
        assert isinstance(rec["links"], list), rec["id"]
    for url in links:
        assert url in source, url
    assert sorted(links) == sorted(urls_in_source)
    # in order, and attached to the right recommendation
    recs = by_id(data)
    assert recs["d1-s1-r2"]["links"] == ["https://www.dga.or.th/th/profile/888/"]
    assert recs["d1-s2-r5"]["links"] == ["https://data.go.th/TermsAndConditions.aspx",
                                         "https://data.go.th/Documents.aspx"]
    assert [u[-5:] for u in recs["d1-s3-r6"]["links"]] == ["10549", "10552"]
    assert recs["d1-s4-r7"]["links"] == ["https://www.dga.or.th/th/content/2136/13427/"]
    assert recs["d2-s3-r8"]["links"] == ["https://www.ocsc.go.th/digital_skills"]
    assert recs["d4-s1-r4"]["links"] == ["https://www.egov.go.th/th/faq/784/23/"]
