"""The third-party request check on the gate fixture and on made-up HTML, CSS and scripts."""
from pathlib import Path

import pytest

from changwat.checks import privacy
from changwat.checks.site import Site

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gate" / "site"
SITE_URL = "https://gate.example.go.th/"


def test_google_font_cdn_script_and_source_map_on_the_fixture():
    r = privacy.run(Site(FIXTURE, SITE_URL))
    by_page = {f.page: f for f in r.findings}
    font, script, source_map = (by_page[page] for page in ("google-font/", "assets/cdn-loader.js", "assets/cdn-loader.js.map"))
    assert (font.page, font.rule, font.line) == ("google-font/", "third-party-request", 13)
    assert "fonts.googleapis.com" in font.message and font.element.startswith('<link rel="stylesheet"')
    assert (script.page, script.rule, script.line) == ("assets/cdn-loader.js", "third-party-script-url", 3)
    assert "cdn.jsdelivr.net" in script.message and 's.src = "https://cdn.jsdelivr.net/' in script.element
    # The map is never run, yet it publishes code naming the CDN: reported with the map's line and the source's.
    assert (source_map.page, source_map.rule, source_map.line) == ("assets/cdn-loader.js.map", "third-party-script-url", 2)
    assert "src/diagram.ts, whose line 3" in source_map.message and "https://unpkg.com/mermaid@11/" in source_map.message
    assert all(f.blocking for f in r.findings)
    assert r.pages_checked == 22
    assert r.notes == ["read 28 files: 1 css, 22 html, 1 map, 2 script, 2 svg"]


def run_on(tmp_path, html="", css=None, js=None):
    (tmp_path / "index.html").write_text(f"<!doctype html><html><head>\n{html}\n</head><body></body></html>")
    if css is not None:
        (tmp_path / "site.css").write_text(css)
    if js is not None:
        (tmp_path / "app.js").write_text(js)
    return privacy.run(Site(tmp_path, SITE_URL)).findings


@pytest.mark.parametrize("html", [
    '<script src="https://cdn.jsdelivr.net/npm/x@1/x.min.js"></script>',
    '<link rel="preconnect" href="https://fonts.gstatic.com">',
    '<link rel="dns-prefetch" href="//www.google-analytics.com">',
    '<link rel="icon" href="https://cdn.example.org/favicon.ico">',
    '<link rel="modulepreload" href="https://esm.sh/x">',
    '<img alt="" srcset="a.png 1x, https://images.example.org/b.png 2x">',
    '<iframe title="map" src="https://www.google.com/maps/embed?pb=1"></iframe>',
    '<video src="https://video.example.org/v.mp4"></video>',
    '<p style="background: url(\'https://images.example.org/bg.png\')">x</p>',
    '<style>@import url("https://fonts.googleapis.com/css2?family=Sarabun");</style>',
])
def test_third_party_requests_in_html(tmp_path, html):
    [f] = run_on(tmp_path, html)
    assert f.severity == "error" and f.page == "" and f.line == 2


@pytest.mark.parametrize("html", [
    '<a href="https://www.example.org/">a link is content</a>',
    '<link rel="canonical" href="https://www.example.org/">',
    '<link rel="alternate" hreflang="en" href="https://other.example.org/en/">',
    '<script src="https://gate.example.go.th/assets/app.js"></script>',
    '<img alt="" src="data:image/png;base64,AAAA">',
    '<link rel="stylesheet" href="assets/site.css">',
])
def test_not_requests_or_own_host(tmp_path, html):
    assert run_on(tmp_path, html) == []


def test_css_imports_and_urls(tmp_path):
    css = '@import "https://fonts.googleapis.com/css2?family=Sarabun";\n\nbody { background: url(//cdn.example.org/bg.png) }\n' \
          'a { background: url("img/own.png") }'
    found = run_on(tmp_path, css=css)
    assert [(f.page, f.rule, f.line) for f in found] == [("site.css", "third-party-css", 1), ("site.css", "third-party-css", 3)]


@pytest.mark.parametrize("js, host", [
    ('const l=document.createElement("link");l.href="https://fonts.googleapis.com/css2?family=Sarabun";', "fonts.googleapis.com"),
    ("loadScript('https://cdn.jsdelivr.net/npm/mermaid@10/dist/mermaid.min.js')", "cdn.jsdelivr.net"),
    ('fetch(`https://api.example.org/v1/stats?page=${location.pathname}`)', "api.example.org"),
    ('s.src="//www.googletagmanager.com/gtag/js?id=G-1"', "www.googletagmanager.com"),
    ('var cfg={"endpoint":"https:\\/\\/collector.example.org\\/hit"}', "collector.example.org"),
])
def test_third_party_urls_in_scripts(tmp_path, js, host):
    [f] = run_on(tmp_path, js=js)
    assert f.page == "app.js" and f.rule == "third-party-script-url" and host in f.message and f.blocking


def test_script_namespace_identifiers_and_dynamic_hosts_are_not_requests(tmp_path):
    js = ('document.createElementNS("http://www.w3.org/2000/svg","svg");'
          'let r=`https://${host}/api/v4/projects/${id}`; /*! see https://clipboardjs.com/ */'
          'fetch("https://gate.example.go.th/search/search_index.json")')
    assert run_on(tmp_path, js=js) == []


MATERIAL_LIKE = ('function as(){return typeof mermaid=="undefined"?_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js"):$()}'
                 'var Ia=H(()=>typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):$());'
                 'function Ci(e,t){let r=`https://api.github.com/repos/${e}/${t}`;return ze(r)}')


def test_theme_loaders_are_reported_where_they_fetch(tmp_path):
    found = run_on(tmp_path, js=MATERIAL_LIKE)
    # The polyfill is fetched by old browsers only: listed as a warning that does not fail the run.
    [f] = found
    assert f.severity == "warning" and not f.blocking and "resize-observer-polyfill" in f.element


def test_a_mermaid_diagram_or_github_repo_link_makes_the_theme_fetch(tmp_path):
    (tmp_path / "app.js").write_text(MATERIAL_LIKE)
    (tmp_path / "diagram").mkdir()
    (tmp_path / "diagram/index.html").write_text('<html><body><pre class="mermaid">graph TD; A-->B</pre></body></html>')
    (tmp_path / "index.html").write_text('<html><body><header><a href="https://github.com/org/repo" '
                                         'class="md-source" data-md-component="source">repo</a></header></body></html>')
    found = [f for f in privacy.run(Site(tmp_path, SITE_URL)).findings if f.blocking]
    assert sorted((f.page, f.rule) for f in found) == [("", "third-party-request"), ("diagram/", "third-party-request")]
    assert "unpkg.com" in [f for f in found if f.page == "diagram/"][0].message
    assert "api.github.com" in [f for f in found if f.page == ""][0].message


SERVICE_FORMS = ('<form method="post" action="https://service.gate.example.go.th/th/question"></form>\n'
                 '<script src="assets/changwat-forms.js" data-service="https://service.gate.example.go.th" defer></script>')


def test_the_offices_participation_service_is_first_party(tmp_path):
    (tmp_path / "index.html").write_text(f"<!doctype html><html><body>\n{SERVICE_FORMS}\n</body></html>")
    assert privacy.run(Site(tmp_path, SITE_URL, service_url="https://service.gate.example.go.th")).findings == []
    # Another host (or no service configured) is a third party: the form and the visit counter are reported.
    for service_url in ("https://forms.example.org", ""):
        found = privacy.run(Site(tmp_path, SITE_URL, service_url=service_url)).findings
        assert sorted((f.rule, f.line) for f in found) == [("third-party-form", 2), ("third-party-request", 3)]
        assert all("service.gate.example.go.th" in f.message and f.blocking for f in found)


def test_a_form_posting_to_a_third_party_fails(tmp_path):
    [f] = run_on(tmp_path, '<form action="https://docs.google.com/forms/d/e/x/formResponse" method="post"></form>')
    assert f.rule == "third-party-form" and "docs.google.com" in f.message and f.blocking


def test_service_url_is_read_from_mkdocs_yml(tmp_path, monkeypatch):
    from changwat.checks.site import read_service_url
    yml = tmp_path / "mkdocs.yml"
    yml.write_text('site_url: https://www.x.go.th/\nextra:\n  generator: false\n'
                   '  service_url: !ENV [CHANGWAT_SERVICE_URL, "https://service.x.go.th"]\n  office: {}\n')
    monkeypatch.delenv("CHANGWAT_SERVICE_URL", raising=False)
    assert read_service_url(yml) == "https://service.x.go.th"
    monkeypatch.setenv("CHANGWAT_SERVICE_URL", "http://127.0.0.1:8001")
    assert read_service_url(yml) == "http://127.0.0.1:8001"
    yml.write_text("extra:\n  service_url: https://svc.x.go.th # own\n")
    assert read_service_url(yml) == "https://svc.x.go.th"
    monkeypatch.delenv("CHANGWAT_SERVICE_URL")
    # The repository's own mkdocs.yml names the sample service, and Site uses it by default.
    assert read_service_url() == "https://service.sample-province.go.th"
    assert "service.sample-province.go.th" in Site(tmp_path, SITE_URL).first_party_hosts


def write(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return [(f.page, f.rule, f.line) for f in privacy.run(Site(tmp_path, SITE_URL)).findings]


def test_every_file_of_the_site_is_read(tmp_path):
    write(tmp_path, {"index.html": "<p>x</p>", "a/b/c.map": "{}", "feed.xml": "<rss/>", "i.svg": "<svg/>",
                     "app.mjs": "", "s.css": "", "data.json": "{}", "data.csv": "", "logo.png": "", "x.unknown": ""})
    assert privacy.run(Site(tmp_path, SITE_URL)).notes == [
        "read 10 files: 1 css, 4 data or binary, 1 html, 1 map, 1 script, 1 svg, 1 xml"]


def test_source_maps_naming_a_cdn(tmp_path):
    cdn_root = '{"version":3,"sourceRoot":"https://cdn.example.org/src/","sources":["a.ts"],"mappings":""}'
    cdn_source = '{"version":3,"sources":["https://cdn.example.org/a.ts", "b.ts"],\n"mappings":""}'
    clean = ('{"version":3,"sources":["a.ts"],"sourcesContent":["// see https://example.org/docs\\n'
             'document.createElementNS(\\"http://www.w3.org/2000/svg\\", \\"svg\\")"],"mappings":""}')
    assert write(tmp_path, {"a.js.map": cdn_root, "b.js.map": cdn_source, "c.js.map": clean, "d.css.map": "not json"}) == [
        ("a.js.map", "third-party-source-map", 1), ("b.js.map", "third-party-source-map", 1),
        ("d.css.map", "unreadable-source-map", 1)]


def test_a_script_or_stylesheet_naming_its_map_on_a_cdn(tmp_path):
    assert write(tmp_path, {"a.js": "x()\n//# sourceMappingURL=https://cdn.example.org/a.js.map\n",
                            "b.css": "a{}\n/*# sourceMappingURL=https://cdn.example.org/b.css.map */\n",
                            "c.js": "x()\n//# sourceMappingURL=c.js.map\n"}) == [
        ("a.js", "third-party-source-map", 2), ("b.css", "third-party-source-map", 2)]


def test_an_inline_script_fetching_a_cdn_but_not_json_ld(tmp_path):
    page = ('<!doctype html><html><head>\n<script type="application/ld+json">{"@context": "https://schema.org"}</script>\n'
            '<script>\nvar s = document.createElement("script");\ns.src = "https://www.googletagmanager.com/gtag/js";\n'
            '</script>\n</head><body></body></html>')
    assert write(tmp_path, {"index.html": page}) == [("", "third-party-script-url", 5)]


def test_svg_images_that_fetch_and_links_that_do_not(tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
           '<a href="https://www.openstreetmap.org/#map=15/13.7/100.5"><text>map</text></a>\n'
           '<image xlink:href="https://tiles.example.org/1.png"/>\n<use href="https://icons.example.org/s.svg#i"/>\n'
           '<style>@import url("https://fonts.googleapis.com/css2?family=Sarabun");</style>\n</svg>')
    assert write(tmp_path, {"i.svg": svg}) == [("i.svg", "third-party-request", 3), ("i.svg", "third-party-request", 4),
                                               ("i.svg", "third-party-css", 5)]


def test_feeds_and_sitemaps(tmp_path):
    feed = ('<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="https://cdn.example.org/feed.xsl"?>\n'
            '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>\n'
            '<link>https://gate.example.go.th/</link><docs>http://www.rssboard.org/rss-specification</docs>\n'
            '<item><link>https://line.me/R/ti/p/@office</link>\n'
            '<description>&lt;p&gt;&lt;a href="https://www.facebook.com/office"&gt;Facebook&lt;/a&gt;&lt;/p&gt;</description>\n'
            '<content:encoded><![CDATA[<p>x</p>\n<img alt="" src="https://images.example.org/p.jpg">]]></content:encoded>\n'
            '<enclosure url="https://media.example.org/a.mp3" type="audio/mpeg" length="1"/>\n'
            '</item></channel></rss>')
    sitemap = ('<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               '<url><loc>https://gate.example.go.th/</loc></url></urlset>')
    assert write(tmp_path, {"rss.xml": feed, "sitemap.xml": sitemap}) == [
        ("rss.xml", "third-party-request", 2), ("rss.xml", "third-party-request", 9),
        ("rss.xml", "third-party-request", 8)]


def test_a_web_app_manifest_icon_on_a_cdn(tmp_path):
    manifest = '{"name": "x",\n "icons": [{"src": "/icon.png"},\n {"src": "https://cdn.example.org/icon.png"}]}'
    assert write(tmp_path, {"site.webmanifest": manifest}) == [("site.webmanifest", "third-party-request", 3)]


def test_data_files_name_addresses_for_people(tmp_path):
    # The search index and the open data list links (LINE, Facebook, a map): content, never fetched by themselves.
    assert write(tmp_path, {
        "search/th/d/3.json": '{"u": "contact/", "x": "https://line.me/R/ti/p/@office"}',
        "data/recommendations.csv": "id,evidence\nr1,https://data.go.th/dataset/x\n",
        "data/recommendations.json": '[{"evidence": "https://www.facebook.com/office"}]',
        "index.html": '<a href="https://www.openstreetmap.org/?mlat=13.7">แผนที่</a>'}) == []


def test_a_theme_loader_is_reported_on_a_page_only_when_a_script_names_it(tmp_path):
    # The kit's patched bundle no longer names unpkg.com: a page with pre.mermaid makes no third-party request.
    found = write(tmp_path, {"app.js": 'function as(){return _t("/assets/changwat/site/mermaid-is-not-supported.js")}',
                             "index.html": '<pre class="mermaid">graph TD; A-->B</pre>'})
    assert found == []
