"""Material's stylesheets without the rules of features a site leaves off (compat.STYLE_CUTS), and the kit's own
CSS and scripts without their comments (slim.py): checked against the INSTALLED Material, so an upgrade that
changes what a cut leaves out fails here, and on the sample site as built."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib.metadata import version

import pytest

from changwat.site.compat import (
    MAIN_CSS, PALETTE_CSS, STYLE_CUTS, SiteUses, cut_stylesheet, material_templates, right_to_left,
)
from changwat.site.slim import drop_rules, minify_css, minify_script
from conftest import ROOT


def installed(file: str) -> str:
    matches = sorted(material_templates().glob(file))
    assert len(matches) == 1, f"Material has {len(matches)} files matching {file}"
    return matches[0].read_text(encoding="utf-8")


def test_the_installed_material_is_the_one_the_cuts_were_written_for():
    assert {cut.material for cut in STYLE_CUTS} == {version("mkdocs-material")}


@pytest.mark.parametrize("cut", STYLE_CUTS, ids=lambda cut: cut.name)
def test_each_cut_leaves_out_what_it_was_written_for(cut):
    _, dropped = drop_rules(installed(cut.file), cut.selector_pattern(), cut.property_pattern())
    assert dropped == cut.selectors, (
        f"Material changed: cut {cut.name} now leaves out {dropped} selectors of {cut.file}, not {cut.selectors}; "
        f"check what they style and update compat.py")


@pytest.mark.parametrize("cut", STYLE_CUTS, ids=lambda cut: cut.name)
def test_each_cut_leaves_out_rules_and_keeps_others(cut):
    original = installed(cut.file)
    trimmed, _ = drop_rules(original, cut.selector_pattern(), cut.property_pattern())
    assert len(trimmed) < len(original)
    assert trimmed.count("{") == trimmed.count("}")
    # What no cut names stays: the page's text, the header, the menu.
    for kept in (".md-typeset", ".md-header", ".md-nav") if cut.file == MAIN_CSS else ("[data-md-color-scheme=slate]",):
        assert trimmed.count(kept) > 0


def test_a_site_that_turns_a_feature_on_keeps_its_rules():
    main, palette = installed(MAIN_CSS), installed(PALETTE_CSS)
    assert ".tabbed-set" not in cut_stylesheet(main, MAIN_CSS, SiteUses())
    assert ".tabbed-set" in cut_stylesheet(main, MAIN_CSS, SiteUses(markdown_extensions=frozenset({"pymdownx.tabbed"})))
    assert ".md-source__fact" in cut_stylesheet(main, MAIN_CSS, SiteUses(repo_url=True))
    assert ".md-post" in cut_stylesheet(main, MAIN_CSS, SiteUses(plugins=frozenset({"material/blog"})))
    assert ".md-footer__link" in cut_stylesheet(main, MAIN_CSS, SiteUses(kit_main_template=False))
    assert ".md-search__suggest" in cut_stylesheet(main, MAIN_CSS, SiteUses(material_search=True))
    assert "[dir=rtl]" in cut_stylesheet(main, MAIN_CSS, SiteUses(right_to_left=True))
    assert "[dir=rtl]" not in cut_stylesheet(main, MAIN_CSS, SiteUses())
    assert right_to_left("ar") and not right_to_left("th") and not right_to_left("en")
    indigo = SiteUses(palette_colours=frozenset({"indigo"}))
    assert "[data-md-color-primary=indigo]" in cut_stylesheet(palette, PALETTE_CSS, indigo)
    assert "[data-md-color-primary=indigo]" not in cut_stylesheet(palette, PALETTE_CSS, SiteUses())


def _declared(css: str) -> set[str]:
    return set(re.findall(r"(--[\w-]+):", css))


def _read(css: str) -> set[str]:
    return set(re.findall(r"var\((--[\w-]+)", css))


@pytest.mark.parametrize("file", [MAIN_CSS, PALETTE_CSS])
def test_what_the_cuts_leave_reads_no_custom_property_they_removed(file):
    original = installed(file)
    trimmed = cut_stylesheet(original, file, SiteUses())
    # Properties that Material's scripts set (tooltips' positions) are declared nowhere in either; the palette
    # reads main.css's (the primary colour: `custom`, from changwat.css).
    elsewhere = _declared(installed(MAIN_CSS)) if file == PALETTE_CSS else set()
    lost = (_read(trimmed) & _declared(original)) - _declared(trimmed) - elsewhere
    assert lost == set()
    if file == MAIN_CSS:
        assert _declared(original) - _declared(trimmed) >= {"--md-tabbed-icon--prev", "--md-mermaid-font-family"}


def test_a_selector_that_names_a_cut_class_only_inside_not_or_is_stays():
    css = ('.a:not(.gone) .b{x:1}.gone,.c{y:2}:is(.gone,.d) p{z:3}@media screen{.gone .e{w:4}.f{v:5}}'
           '@charset "UTF-8";:root{--gone-icon:url("a;b");--kept:1}')
    trimmed, dropped = drop_rules(css, re.compile(r"\.gone(?![\w-])"), re.compile("--gone-"))
    assert trimmed == ('.a:not(.gone) .b{x:1}.c{y:2}:is(.gone,.d) p{z:3}@media screen{.f{v:5}}'
                       '@charset "UTF-8";:root{--kept:1}')
    assert dropped == 2


def test_the_kits_css_loses_comments_and_space_but_no_rule():
    css = ('/* why */\n.a :hover ,\n.b > .c {\n  margin : 0 auto ;\n  width: calc(1px + 2%);\n'
           '  content: "a  /* b */  ,  c";\n}\n/*! licence */\n@media screen and (max-width: 30em) {\n  .d { e: f; }\n}\n')
    small = minify_css(css)
    assert small == ('.a :hover,.b>.c{margin :0 auto;width:calc(1px + 2%);content:"a  /* b */  ,  c"}'
                     '/*! licence */ @media screen and (max-width:30em){.d{e:f}}')
    assert minify_css(small) == small
    # A string or a licence is kept as written, even what looks like CSS in it.
    assert minify_css('a { content: "x ;} y" }') == 'a{content:"x ;} y"}'
    assert minify_css("/*! it's a licence */\na { b: c }") == "/*! it's a licence */ a{b:c}"


def test_the_kits_scripts_lose_whole_comment_lines_and_indentation_only():
    js = ('/*! licence */\n(function () {\n  // why\n  /* a longer\n     why */\n  var a = "// not a comment";\n'
          '  var b = 1 /* inline */ + 2\n\n  return a\n})();\n')
    assert minify_script(js) == ('/*! licence */\n(function () {\nvar a = "// not a comment";\n'
                                 'var b = 1 /* inline */ + 2\nreturn a\n})();\n')
    assert minify_script(minify_script(js)) == minify_script(js)
    # A line break that could be inside a string: left exactly as written.
    for unsure in ("var a = `x\n  // y`;\n", 'var a = "x\\\n  // y";\n', "/* a */ var b = 1;\n"):
        assert minify_script(unsure) == unsure


@pytest.mark.parametrize("path", sorted((ROOT / "overrides").rglob("*.css")), ids=lambda p: p.name)
def test_each_kit_stylesheet_keeps_its_rules_when_minified(path):
    css = path.read_text(encoding="utf-8")
    small = minify_css(css)
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    # The same selectors and declarations, in the same order: only space and comments went.
    def bare(text):
        return re.sub(r"\s+", "", text).replace(";}", "}")

    assert bare(small) == bare(without_comments)
    assert len(small) < len(css)


# ---- On the sample site as built -------------------------------------------------------------------------


class _Classes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.classes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "class" and value:
                self.classes.update(value.split())


def cut_files(built_site) -> dict[str, str]:
    """MAIN_CSS and PALETTE_CSS -> what the sample site's pages link instead: one file, Material's cut stylesheet,
    its cut palette, then the kit's extra stylesheets in their order (changwat.css, the forms', participation's)."""
    page = (built_site / "news" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="\.\./(assets/stylesheets/[^"]+)"', page)
    assert len(linked) == 1 and linked[0].split("/")[-1].startswith("main.")
    css = (built_site / linked[0]).read_text(encoding="utf-8")
    extras = [(built_site / "assets" / name).read_text(encoding="utf-8")
              for name in ("changwat/site/changwat.css", "changwat-forms.css", "changwat/participation/participation.css")]
    assert extras[0] == minify_css((ROOT / "overrides" / "site" / "changwat.css").read_text(encoding="utf-8"))
    assert css.endswith("\n" + "\n".join(extras))
    material = css[:-len("\n".join(extras)) - 1]
    palette = material.rindex("@media screen{[data-md-color-scheme=slate]")
    return {MAIN_CSS: material[:palette], PALETTE_CSS: material[palette:]}


def installed_name(file: str) -> str:
    return sorted(material_templates().glob(file))[0].name


def test_no_page_of_the_sample_site_uses_what_was_cut(built_site):
    css = cut_files(built_site)
    applied = [cut for cut in STYLE_CUTS if cut.classes and drop_rules(css[cut.file], cut.selector_pattern())[1] == 0]
    assert {"tabbed", "blog", "repository", "material-footer", "material-search"} <= {cut.name for cut in applied}
    parser = _Classes()
    for page in built_site.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    assert len(parser.classes) > 100
    pattern = re.compile("|".join(cut.selector_pattern().pattern for cut in applied))
    assert sorted(c for c in parser.classes if pattern.fullmatch("." + c)) == []
    # Search results are written by search.js, not by a template: it names none of them either.
    search_js = (ROOT / "overrides" / "search" / "search.js").read_text(encoding="utf-8")
    written = set(re.findall(r"md-search[\w-]*", search_js))
    assert "md-search-result__item" in written
    search_cut = next(cut for cut in STYLE_CUTS if cut.name == "material-search").selector_pattern()
    assert sorted(c for c in written if search_cut.fullmatch("." + c)) == []
    assert "[data-md-color-primary=indigo]" not in css[PALETTE_CSS]
    assert "[data-md-color-scheme=slate]" in css[PALETTE_CSS]  # the kit's dark mode


def test_pages_link_the_cut_stylesheets_and_the_kits_minified_files(built_site):
    assert all(len(text) > 1000 for text in cut_files(built_site).values())
    page = (built_site / "news" / "index.html").read_text(encoding="utf-8")
    assert installed_name(MAIN_CSS) not in page and installed_name(PALETTE_CSS) not in page
    for extra in ("assets/changwat/site/changwat.css", "assets/changwat-forms.css", "participation.css"):
        assert extra not in page  # in the one file, after Material's
    kit_css = (built_site / "assets" / "changwat" / "site" / "changwat.css").read_text(encoding="utf-8")
    assert kit_css == minify_css((ROOT / "overrides" / "site" / "changwat.css").read_text(encoding="utf-8"))
    # search.js loads when search opens and ships as written.
    assert (built_site / "assets" / "changwat" / "search" / "search.js").read_text(encoding="utf-8") == \
        (ROOT / "overrides" / "search" / "search.js").read_text(encoding="utf-8")


def test_the_recommendations_style_and_script_load_on_their_pages_only(built_site):
    css, js = "assets/changwat/recommendations/recommendations.css", "assets/changwat/recommendations/recommendations.js"
    for page in (built_site / "recommendations" / "index.html", built_site / "en" / "recommendations" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert css in html and js in html
    for page in (built_site / "index.html", built_site / "news" / "index.html", built_site / "en" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert css not in html and js not in html


def test_an_extra_stylesheet_that_names_another_file_stays_apart():
    from changwat.site.plugin import NAMES_A_FILE

    # Moved into assets/stylesheets/, its relative addresses would point elsewhere.
    for names in ('a{background:url(../img/a.png)}', "a{b:url( 'x.svg')}", '@import "x.css";'):
        assert NAMES_A_FILE.search(names)
    for inline in ('a{mask:url("data:image/svg+xml;x")}', "a{b:url(data:x)}", "a{color:red}"):
        assert not NAMES_A_FILE.search(inline)
