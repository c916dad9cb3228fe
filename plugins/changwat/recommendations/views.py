"""The section's pages: which exist, their addresses and titles, their place in the menu, and what each shows.

Addresses are language-neutral ("recommendations/d1/"); the glue puts the language in front and turns them
into links relative to the page, through the ``link`` function it passes in.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from changwat.core.thai_dates import human_date, machine_date
from changwat.recommendations.dictionary import view as dictionary_view
from changwat.recommendations.evidence import MET, NOT_MET, WHOLE
from changwat.core.languages import localise
from changwat.recommendations.progress import ProgressData
from changwat.recommendations.scoring import DISPLAY_STATUSES, DimensionScore, RecommendationScore, Scores, rounded

ROOT = "recommendations"
DOWNLOADS = f"{ROOT}/data"
DOWNLOAD_FORMATS = (  # file, format name, media type
    ("recommendations.csv", "CSV", "text/csv"),
    ("scores.csv", "CSV", "text/csv"),
    ("recommendations.json", "JSON", "application/json"),
    ("recommendations.xml", "XML", "application/xml"),
    ("data-dictionary.csv", "CSV", "text/csv"),
    ("data-dictionary.json", "JSON", "application/json"),
)
DICTIONARY = "data-dictionary.csv"


@dataclass(frozen=True)
class PageSpec:
    key: str          # "overview", "method", "open-data", "status:done", "dimension:d1", "rec:d1-s1-r1"
    # Language-neutral source path. Only a section's own page is called index.md: Material's navigation.indexes
    # would turn any other index.md at the head of a menu section into that section's link.
    path: str
    title: str
    description: str

    @property
    def url(self) -> str:
        return self.path[: -len("index.md")] if self.path.endswith("/index.md") else self.path[: -len(".md")] + "/"


def status_label(ui: dict, status: str) -> str:
    return ui[f"rec_status_{status.replace('-', '_')}"]


def rec_title(rs: RecommendationScore, scores: Scores, ui: dict, lang: str) -> str:
    r = rs.recommendation
    dim = next(d.dimension for d in scores.dimensions if d.dimension.id == r.dimension_id)
    sub = next(s.sub_indicator for d in scores.dimensions for s in d.sub_indicators if s.sub_indicator.id == r.sub_indicator_id)
    # Displayed numbers repeat within dimension 2: the sub-indicator's name keeps every title unique.
    return ui["rec_item_title"].format(dimension=dim.number, number=r.number.rstrip("."), sub=sub.title[lang])


def dimension_title(dim: DimensionScore, ui: dict, lang: str) -> str:
    return ui["rec_dimension_title"].format(number=dim.dimension.number, title=dim.dimension.title[lang])


def plan_pages(scores: Scores, ui: dict, lang: str) -> list[PageSpec]:
    pages = [
        PageSpec("overview", f"{ROOT}/index.md", ui["rec_section_title"], ui["rec_overview_description"]),
    ]
    for dim in scores.dimensions:
        d = dim.dimension
        pages.append(PageSpec(f"dimension:{d.id}", f"{ROOT}/{d.id}/index.md", dimension_title(dim, ui, lang),
                              ui["rec_dimension_description"].format(number=d.number)))
        for rs in dim.recommendations:
            r = rs.recommendation
            pages.append(PageSpec(f"rec:{r.id}", f"{ROOT}/{d.id}/{r.id}.md", rec_title(rs, scores, ui, lang),
                                  excerpt(r.text[lang], 150)))
    for status in DISPLAY_STATUSES:
        pages.append(PageSpec(f"status:{status}", f"{ROOT}/status/{status}.md",
                              ui["rec_status_page_title"].format(status=status_label(ui, status)),
                              ui["rec_status_page_description"].format(status=status_label(ui, status))))
    pages.append(PageSpec("method", f"{ROOT}/method.md", ui["rec_method_title"], ui["rec_method_description"]))
    pages.append(PageSpec("open-data", f"{ROOT}/open-data.md", ui["rec_open_data_title"],
                          ui["rec_open_data_description"]))
    return pages


def nav_tree(scores: Scores, ui: dict, lang: str) -> list:
    """The section's menu under its index page: ("page", key) and ("section", title, children).

    Recommendation pages are left out of the menu: 69 entries nested three deep make a sidebar taller than
    the screen, whose clipped entries fail WCAG 2.5.8 target size. They hang under their dimension's page
    instead (see ``menu_parents``), which gives them breadcrumbs and marks their dimension in the menu.
    """
    tree: list = [("page", f"dimension:{dim.dimension.id}") for dim in scores.dimensions]
    tree.append(("section", ui["rec_by_status"], [("page", f"status:{s}") for s in DISPLAY_STATUSES]))
    tree.append(("page", "method"))
    tree.append(("page", "open-data"))
    return tree


def menu_parents(scores: Scores) -> dict[str, str]:
    """Recommendation page key -> the key of the page it hangs under in the menu and breadcrumbs."""
    return {f"rec:{rs.recommendation.id}": f"dimension:{rs.recommendation.dimension_id}" for rs in scores.recommendations}


def excerpt(text: str, limit: int) -> str:
    """The first line, cut at a word boundary; never splits a Thai character from its tone mark or vowel."""
    first = text.split("\n", 1)[0]
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
        while cut > 0 and unicodedata.category(first[cut]) == "Mn":
            cut -= 1
    return first[:cut].rstrip() + "…"


def generated_markdown(spec: PageSpec, updated) -> str:
    """The virtual page's source: front matter only. The page shows the component `recommendations`, whose
    template renders the page's view (the glue knows which page it is from its path)."""
    lines = ["---", f"title: {_yaml_string(spec.title)}", f"description: {_yaml_string(spec.description)}"]
    if updated:
        lines.append(f"updated: {updated.isoformat()}")
    lines += ["components: [recommendations]", "---", ""]
    return "\n".join(lines)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---- What each page shows ----------------------------------------------------------------------------------

class Views:
    def __init__(self, scores: Scores, progress: ProgressData, ui: dict, lang: str, link):
        self.scores, self.progress, self.ui, self.link = scores, progress, ui, link
        self.lang = lang
        self.pages = {p.key: p for p in plan_pages(scores, ui, lang)}

    def url(self, key: str) -> str:
        return self.link(self.pages[key].url)

    # pieces shared by several pages

    def status(self, status: str) -> dict:
        return {"key": status, "label": status_label(self.ui, status), "url": self.url(f"status:{status}")}

    def rec_row(self, rs: RecommendationScore) -> dict:
        r, p = rs.recommendation, rs.progress
        return {
            "id": r.id, "dimension": r.dimension_id, "title": self.pages[f"rec:{r.id}"].title,
            "url": self.url(f"rec:{r.id}"), "excerpt": excerpt(r.text[self.lang], 140),
            "status": self.status(rs.status), "score": rounded(rs.score),
            "unit": (localise(p.unit, self.lang) or "") if p else "",
            "target": self.date(p.target) if p and p.target else None,
            # Partial site evidence goes beside the officer's status, never in its place.
            "site_shows": self.site_shows(rs.partial_evidence),
        }

    def site_shows(self, e) -> dict | None:
        if e is None:
            return None
        return {"state": e.state, "label": self.ui[f"rec_site_shows_{e.state.replace('-', '_')}"]}

    def date(self, when) -> dict:
        return {"human": human_date(when, self.lang), "machine": machine_date(when)}

    def dimension_row(self, dim: DimensionScore) -> dict:
        d = dim.dimension
        return {
            "id": d.id, "number": d.number, "title": d.title[self.lang], "full_title": dimension_title(dim, self.ui, self.lang),
            "url": self.url(f"dimension:{d.id}"), "weight": _number(d.weight), "score": rounded(dim.score),
            "score_value": dim.score, "weighted": rounded(dim.weighted), "count": len(dim.recommendations),
            "with_data": dim.with_data, "no_data": len(dim.recommendations) - dim.with_data,
        }

    def filters(self, current: str | None = None) -> dict:
        counts = {s: len(self.scores.by_status(s)) for s in DISPLAY_STATUSES}
        return {
            "statuses": [{**self.status(s), "count": counts[s], "current": current == f"status:{s}"}
                         for s in DISPLAY_STATUSES],
            "dimensions": [{**self.dimension_row(d), "current": current == f"dimension:{d.dimension.id}"}
                           for d in self.scores.dimensions],
        }

    def chart(self) -> dict:
        """Bar geometry for the inline SVG: one row per dimension, scores 0–100 across a fixed width."""
        rows, top, row_height, bar_width = [], 8, 34, 240
        for i, dim in enumerate(self.scores.dimensions):
            y = top + i * row_height
            rows.append({**self.dimension_row(dim), "y": y, "text_y": y + 17,
                         "width": round(bar_width * dim.score / 100, 1)})
        return {"rows": rows, "height": top * 2 + row_height * len(rows), "bar_x": 90, "bar_width": bar_width,
                "value_x": 90 + bar_width + 10}

    def common(self) -> dict:
        return {
            "overall": rounded(self.scores.score), "total": len(self.scores.recommendations),
            "total_weight": _number(self.scores.total_weight),
            "with_data": self.scores.with_data, "no_data": len(self.scores.recommendations) - self.scores.with_data,
            "updated": self.date(self.progress.updated) if self.progress.updated else None,
            "overview_url": self.url("overview"), "method_url": self.url("method"),
            "open_data_url": self.url("open-data"),
        }

    # the pages

    def overview(self) -> dict:
        return {
            **self.common(), "chart": self.chart(),
            "dimensions": [self.dimension_row(d) for d in self.scores.dimensions],
            "filters": self.filters("overview"),
            "rows": [self.rec_row(rs) for rs in self.scores.recommendations],
            "empty_dimensions": [self.dimension_row(d) for d in self.scores.dimensions if d.with_data == 0],
        }

    def dimension(self, dim_id: str) -> dict:
        dim = next(d for d in self.scores.dimensions if d.dimension.id == dim_id)
        note = dim.dimension.note.get(self.lang) if dim.dimension.note else None
        return {
            **self.common(), "dimension": self.dimension_row(dim), "note": note,
            "filters": self.filters(f"dimension:{dim_id}"),
            "sub_indicators": [
                {"id": s.sub_indicator.id, "number": s.sub_indicator.number,
                 "title": s.sub_indicator.title[self.lang], "score": rounded(s.score),
                 "count": len(s.recommendations), "with_data": sum(r.has_data for r in s.recommendations),
                 "rows": [self.rec_row(rs) for rs in s.recommendations]}
                for s in dim.sub_indicators
            ],
        }

    def status_page(self, status: str) -> dict:
        groups = []
        for dim in self.scores.dimensions:
            rows = [self.rec_row(rs) for rs in dim.recommendations if rs.status == status]
            if rows:
                groups.append({"dimension": self.dimension_row(dim), "rows": rows})
        return {**self.common(), "status": self.status(status), "groups": groups,
                "count": sum(len(g["rows"]) for g in groups), "filters": self.filters(f"status:{status}")}

    def recommendation(self, rec_id: str) -> dict:
        ordered = self.scores.recommendations
        index = next(i for i, rs in enumerate(ordered) if rs.recommendation.id == rec_id)
        rs = ordered[index]
        r, p, e = rs.recommendation, rs.progress, rs.evidence
        dim = next(d for d in self.scores.dimensions if d.dimension.id == r.dimension_id)
        sub = next(s for s in dim.sub_indicators if s.sub_indicator.id == r.sub_indicator_id)
        neighbour = lambda i: self.rec_row(ordered[i]) if 0 <= i < len(ordered) else None  # noqa: E731
        return {
            **self.common(), "row": self.rec_row(rs), "number": r.number,
            "paragraphs": [line for line in r.text[self.lang].split("\n") if line.strip()],
            "dimension": self.dimension_row(dim),
            "sub_indicator": {"number": sub.sub_indicator.number, "title": sub.sub_indicator.title[self.lang],
                              "score": rounded(sub.score)},
            "score_source": rs.source,
            "note": (localise(p.note, self.lang) or "") if p else "",
            "evidence_links": [{"url": link.url, "title": localise(link.title, self.lang) or link.url}
                               for link in (p.evidence if p else ())],
            "site_evidence": self.site_evidence(e),
            "source_links": list(r.links),
            "previous": neighbour(index - 1), "next": neighbour(index + 1),
            "position": index + 1,
        }

    def site_evidence(self, e) -> dict | None:
        if e is None:
            return None
        if e.scope == WHOLE:
            label = {MET: "rec_evidence_verified", NOT_MET: "rec_evidence_not_met"}.get(e.state, "rec_evidence_pending")
        else:
            label = f"rec_site_shows_{e.state.replace('-', '_')}"
        return {
            "state": e.state, "scope": e.scope, "label": self.ui[label],
            "intro": self.ui[f"rec_site_evidence_{e.scope}_intro"],
            "sources": [{"kind": s.kind, "name": s.name, "label": s.label.get(self.lang) or s.name,
                         "state": s.state, "state_label": self.ui[f"rec_source_{s.state.replace('-', '_')}"]}
                        for s in e.sources],
        }

    def method(self) -> dict:
        rows = [self.dimension_row(d) for d in self.scores.dimensions]
        return {**self.common(), "dimensions": rows,
                "sum_weighted": rounded(sum(d.weighted for d in self.scores.dimensions))}

    def open_data(self, files: list[dict], metadata: dict) -> dict:
        dictionary = dictionary_view(self.lang)
        for t in dictionary:
            t["caption"] = self.ui["rec_dictionary_caption"].format(file=", ".join(t["files"]))
        return {**self.common(), "files": files, "metadata": metadata, "dictionary": dictionary,
                "dictionary_url": self.link(f"{DOWNLOADS}/{DICTIONARY}")}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
