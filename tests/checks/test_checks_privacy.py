"""The third-party request check on the gate fixture and on made-up HTML, CSS and scripts."""
from pathlib import Path

import pytest

from changwat.checks import privacy
from changwat.checks.site import Site

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gate" / "site"
SITE_URL = "https://gate.example.go.th/"


def test_google_font_on_the_fixture():
    r = privacy.run(Site(FIXTURE, SITE_URL))
    [f] = r.findings
    assert (f.page, f.rule, f.line) == ("google-font/", "third-party-request", 13)
    assert "fonts.googleapis.com" in f.message and f.element.startswith('<link rel="stylesheet"')
    assert r.pages_checked == 22


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
