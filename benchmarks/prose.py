"""Believable Thai and English government prose for the synthetic site.

The benchmark must cost what a real provincial site costs: Thai text without spaces between words (what the
search segmenter has to cut, and what the search index has to hold), headings, lists and the occasional table
(what Markdown and changwat-site's table wrapping have to handle).

Thai text is drawn word by word from PyThaiNLP's own word list (pythainlp.corpus.thai_words(), installed with the
project, no download), weighted like a real text (Zipf: the word of rank r is drawn with weight 1/r, ranks in a
seeded shuffle), with about 30 % of the words being phrases a provincial office really writes. Composing from a
few hundred phrases alone (as this module did before) gave a few thousand distinct Thai runs over 2,000 pages:
text a word cache and a search index compress far better than any real site's. English is still composed from
phrases: the search cost being measured is the Thai one. A seed always gives the same site.
"""

from __future__ import annotations

import functools
import itertools
import random
import re

THAI = {
    "who": [
        "ผู้ว่าราชการจังหวัดตัวอย่าง", "รองผู้ว่าราชการจังหวัด", "ปลัดจังหวัด", "หัวหน้าสำนักงานจังหวัด",
        "นายอำเภอเมืองตัวอย่าง", "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด", "สำนักงานสาธารณสุขจังหวัด",
        "สำนักงานพาณิชย์จังหวัด", "สำนักงานเกษตรจังหวัด", "องค์การบริหารส่วนจังหวัด", "สำนักงานพัฒนาชุมชนจังหวัด",
        "สำนักงานการท่องเที่ยวและกีฬาจังหวัด", "สำนักงานแรงงานจังหวัด", "ศูนย์ดำรงธรรมจังหวัด",
        "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด", "สำนักงานวัฒนธรรมจังหวัด", "สำนักงานศึกษาธิการจังหวัด",
    ],
    "did": [
        "เป็นประธานการประชุม", "ลงพื้นที่ติดตามการดำเนินงาน", "มอบถุงยังชีพให้แก่ผู้ประสบภัย",
        "ร่วมกิจกรรมปลูกต้นไม้", "เปิดโครงการ", "ประชุมคณะกรรมการ", "ตรวจเยี่ยมหน่วยบริการ",
        "ชี้แจงแนวทางการดำเนินงาน", "มอบนโยบาย", "รับฟังความคิดเห็นของประชาชน", "ติดตามความคืบหน้า",
        "ประชาสัมพันธ์การรับสมัคร", "ลงนามบันทึกข้อตกลงความร่วมมือ", "จัดหน่วยบำบัดทุกข์บำรุงสุข",
    ],
    "what": [
        "โครงการจังหวัดเคลื่อนที่", "การป้องกันและแก้ไขปัญหาฝุ่นละอองขนาดเล็ก PM2.5",
        "การเตรียมความพร้อมรับมืออุทกภัย", "การส่งเสริมสินค้าหนึ่งตำบลหนึ่งผลิตภัณฑ์",
        "การพัฒนาคุณภาพชีวิตผู้สูงอายุ", "การป้องกันโรคไข้เลือดออก", "การลดอุบัติเหตุทางถนนช่วงเทศกาล",
        "แผนพัฒนาจังหวัดระยะ 5 ปี", "การส่งเสริมการท่องเที่ยวชุมชน", "การจัดระเบียบการค้าในที่สาธารณะ",
        "การแก้ไขปัญหาหนี้สินภาคประชาชน", "การบริหารจัดการน้ำในช่วงฤดูแล้ง", "การจัดงานประเพณีลอยกระทง",
        "การพัฒนาระบบบริการอิเล็กทรอนิกส์", "การคุ้มครองข้อมูลส่วนบุคคล", "การส่งเสริมเกษตรอินทรีย์",
    ],
    "where": [
        "ณ ห้องประชุมศาลากลางจังหวัด ชั้น 3", "ณ ที่ว่าการอำเภอเมืองตัวอย่าง", "ณ หอประชุมองค์การบริหารส่วนจังหวัด",
        "ณ โรงเรียนบ้านหนองบัว", "ณ วัดศรีสุวรรณาราม", "ณ ลานอเนกประสงค์หน้าศาลากลางจังหวัด",
        "ในพื้นที่ตำบลในเมือง", "ในพื้นที่อำเภอริมน้ำ", "ณ ศูนย์ราชการจังหวัด", "ณ ตลาดชุมชนริมแม่น้ำ",
    ],
    "when": [
        "เมื่อวันจันทร์ที่ผ่านมา", "ในช่วงเช้าวันนี้", "ระหว่างวันที่ 1–5 ของเดือน", "ตั้งแต่เวลา 09.00 น.",
        "ในปีงบประมาณ พ.ศ. 2570", "ก่อนเข้าสู่ฤดูฝน", "ตลอดช่วงเทศกาลปีใหม่", "ภายในสิ้นเดือนนี้",
    ],
    "with": [
        "โดยมีหัวหน้าส่วนราชการ ผู้นำท้องที่ และประชาชนเข้าร่วมจำนวนมาก",
        "เพื่อให้ประชาชนได้รับบริการอย่างทั่วถึงและเป็นธรรม", "ซึ่งได้รับความร่วมมือจากภาคเอกชนและภาคประชาสังคม",
        "เพื่อยกระดับคุณภาพชีวิตของประชาชนในพื้นที่", "ตามนโยบายของรัฐบาลและกระทรวงมหาดไทย",
        "โดยเน้นการมีส่วนร่วมของชุมชนและองค์กรปกครองส่วนท้องถิ่น", "ทั้งนี้ได้กำชับให้ทุกหน่วยงานปฏิบัติอย่างเคร่งครัด",
    ],
    "then": [
        "ประชาชนที่สนใจสามารถสอบถามรายละเอียดเพิ่มเติมได้ที่สำนักงานจังหวัด ในวันและเวลาราชการ",
        "ทั้งนี้จังหวัดจะติดตามและรายงานผลการดำเนินงานให้ทราบเป็นระยะ",
        "ผู้ที่ได้รับผลกระทบสามารถยื่นคำร้องได้ที่ศูนย์ดำรงธรรมจังหวัด หรือโทรสายด่วน 1567",
        "หน่วยงานที่เกี่ยวข้องได้รับมอบหมายให้สรุปผลและเสนอแนวทางแก้ไขภายใน 30 วัน",
        "จึงขอความร่วมมือประชาชนปฏิบัติตามคำแนะนำของเจ้าหน้าที่อย่างเคร่งครัด",
    ],
    "heading": ["รายละเอียดโครงการ", "กลุ่มเป้าหมาย", "ผลการดำเนินงาน", "ขั้นตอนการยื่นคำร้อง", "ข้อแนะนำสำหรับประชาชน",
                "งบประมาณและระยะเวลา", "หน่วยงานที่รับผิดชอบ", "ช่องทางการติดต่อ"],
    "table": ["รายการ", "จำนวน", "หมายเหตุ"],
}

ENGLISH = {
    "who": ["The Governor of Sample Province", "The Vice Governor", "The Provincial Permanent Secretary",
            "The Head of the Provincial Office", "The Mueang Sample District Chief",
            "The Provincial Disaster Prevention and Mitigation Office", "The Provincial Public Health Office",
            "The Provincial Commerce Office", "The Provincial Agriculture Office",
            "The Provincial Administrative Organisation", "The Damrongdhama Centre"],
    "did": ["chaired a meeting on", "visited the area to follow up on", "handed out relief bags as part of",
            "opened the project on", "briefed officials on", "heard citizens' views on", "signed an agreement on",
            "reviewed the progress of"],
    "what": ["the mobile provincial service", "the prevention of PM2.5 fine dust", "flood preparedness",
             "the One Tambon One Product programme", "the quality of life of older people", "dengue prevention",
             "road safety over the holidays", "the five-year provincial development plan", "community tourism",
             "water management in the dry season", "electronic public services", "personal data protection"],
    "where": ["in the meeting room of the Provincial Hall", "at the Mueang Sample District Office",
              "at Ban Nong Bua School", "in Nai Mueang subdistrict", "at the provincial government centre",
              "at the riverside community market"],
    "when": ["on Monday", "this morning", "in the 2027 fiscal year", "before the rainy season",
             "over the New Year holidays", "by the end of the month"],
    "with": ["with heads of government agencies, local leaders and many residents taking part",
             "so that every citizen is served fairly", "with the support of the private sector and civil society",
             "in line with the policy of the Ministry of Interior", "with an emphasis on community participation"],
    "then": ["Citizens who want to know more can contact the Provincial Office during office hours.",
             "The province will report on progress regularly.",
             "Anyone affected can file a request at the Damrongdhama Centre or call the 1567 hotline.",
             "The agencies concerned will report back with proposals within 30 days."],
    "heading": ["About the project", "Who can take part", "Results so far", "How to apply", "Advice for citizens",
                "Budget and timeline", "Responsible agencies", "How to contact us"],
    "table": ["Item", "Number", "Note"],
}

VOCABULARY = {"th": THAI, "en": ENGLISH}

# Share of drawn Thai words that are a government phrase (THAI's who/did/what/heading, those without spaces).
GOVERNMENT_SHARE = 0.3
LEXICON_SEED = 2569
# A dictionary word made of Thai letters, vowels and tone marks only (no digits, ๆ or ฯ, no spaces).
LEXICON_WORD = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]{2,}")
THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+")


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[list[str], list[float]]:
    """PyThaiNLP's word list in a seeded order, and the cumulative Zipf weights (rank r: 1/r) to draw from it."""
    from pythainlp.corpus import thai_words

    words = sorted(w for w in thai_words() if LEXICON_WORD.fullmatch(w))   # sorted: the corpus is a set
    random.Random(LEXICON_SEED).shuffle(words)
    return words, list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))


@functools.lru_cache(maxsize=1)
def government_phrases() -> tuple[str, ...]:
    return tuple(p for key in ("who", "did", "what", "heading") for p in THAI[key] if " " not in p)


def thai_words(rng: random.Random, count: int) -> str:
    """`count` words run together as Thai writes them: Zipf-drawn dictionary words and government phrases."""
    words, weights = lexicon()
    phrases = government_phrases()
    return "".join(rng.choice(phrases) if rng.random() < GOVERNMENT_SHARE
                   else rng.choices(words, cum_weights=weights)[0] for _ in range(count))


def thai_sentence_varied(rng: random.Random) -> str:
    """One Thai sentence of 6–20 drawn words (Thai ends a sentence with a space, not a full stop)."""
    return thai_words(rng, rng.randint(6, 20))


def thai_runs(text: str) -> list[str]:
    """The runs of Thai characters in `text`: what the search segmenter cuts, one at a time."""
    return THAI_RUN.findall(text)


def sentence(rng: random.Random, lang: str) -> str:
    v = VOCABULARY[lang]
    if lang == "th":
        return thai_sentence_varied(rng)
    return f"{rng.choice(v['who'])} {rng.choice(v['did'])} {rng.choice(v['what'])} {rng.choice(v['where'])} " \
           f"{rng.choice(v['when'])}, {rng.choice(v['with'])}."


def title(rng: random.Random, lang: str) -> str:
    v = VOCABULARY[lang]
    if lang == "th":
        return f"{rng.choice(v['who'])}{rng.choice(v['did'])}{thai_words(rng, rng.randint(2, 5))}"
    return f"{rng.choice(v['who'])} {rng.choice(v['did'])} {rng.choice(v['what'])}"


def summary(rng: random.Random, lang: str, limit: int = 200) -> str:
    if lang == "th":
        # Short sentences, so there is a space to cut on before the limit.
        text = " ".join(thai_words(rng, rng.randint(3, 7)) for _ in range(4))
        text = text if len(text) <= limit else text[: text.rfind(" ", 0, limit - 1)]
        return text if len(text) <= limit else text[:limit]
    text = sentence(rng, lang)
    # changwat-sections rejects a summary over its limit; cut on a space so no word is broken.
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit - 1)].rstrip(",")


def paragraph(rng: random.Random, lang: str, sentences: int) -> str:
    parts = [sentence(rng, lang) for _ in range(sentences)]
    # The closing sentence: a fixed one in English, one more drawn sentence in Thai (a fixed one would repeat).
    parts.append(thai_sentence_varied(rng) if lang == "th" else rng.choice(VOCABULARY[lang]["then"]))
    return " ".join(parts)


def heading(rng: random.Random, lang: str) -> str:
    return thai_words(rng, rng.randint(2, 4)) if lang == "th" else rng.choice(VOCABULARY[lang]["heading"])


def phrase(rng: random.Random, lang: str) -> str:
    """A list item or a table cell."""
    return thai_words(rng, rng.randint(2, 5)) if lang == "th" else rng.choice(VOCABULARY[lang]["what"])


def body(rng: random.Random, lang: str, words: int = 400) -> str:
    """Markdown of about `words` words: paragraphs under level-2 headings, a list, sometimes a table."""
    v = VOCABULARY[lang]
    # Counted so a Thai item has as many Thai characters (about 2,700) as the phrase-composed items had: a drawn
    # sentence is about 120 characters. An English sentence is about 30 words.
    per_sentence = 28 if lang == "th" else 30
    blocks, written = [], 0
    while written < words:
        count = rng.randint(2, 4)
        blocks.append(paragraph(rng, lang, count))
        written += (count + 1) * per_sentence
        if rng.random() < 0.5:
            blocks.append(f"## {heading(rng, lang)}")
        if rng.random() < 0.2:
            blocks.append("\n".join(f"- {phrase(rng, lang)}" for _ in range(rng.randint(2, 5))))
        if rng.random() < 0.1:
            rows = [f"| {phrase(rng, lang)} | {rng.randint(1, 500)} | {phrase(rng, lang)} |"
                    for _ in range(rng.randint(2, 5))]
            blocks.append("\n".join([f"| {' | '.join(v['table'])} |", "| --- | --- | --- |", *rows]))
    if blocks[-1].startswith("## "):
        blocks.pop()
    return "\n\n".join(blocks) + "\n"
