"""The CSP generator on small HTML: every inline script is allowed by its exact hash and nothing else inline is."""

from __future__ import annotations

import pytest

from changwat.production.csp import InlineCodeError, csp_hash, scan_html
from changwat.production.headers import content_security_policy, nginx_include, security_headers

PAGE = """<!doctype html><html><head>
<script>(function(h){h.classList.add("changwat-js")})(document.documentElement)</script>
<script id="__config" type="application/json">{"base": ".."}</script>
<script type="application/ld+json">{"@type": "GovernmentOrganization"}</script>
<script src="assets/app.js"></script>
</head><body>
<form action="https://service.example.go.th/th/question" method="post"></form>
<script src="assets/changwat-forms.js" data-service="https://service.example.go.th"></script>
<script>var a = 1 &amp;&amp; 2;</script>
</body></html>"""


def test_hash_is_the_one_browsers_compute():
    # The example of MDN's CSP script-src page: browsers allow alert('Hello, world.'); with this source.
    assert csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_each_executable_inline_script_is_hashed_exactly_and_data_blocks_are_not():
    found = scan_html(PAGE)
    assert set(found.scripts) == {
        csp_hash('(function(h){h.classList.add("changwat-js")})(document.documentElement)'),
        # Entities are not decoded inside <script>: the browser hashes the text as written.
        csp_hash("var a = 1 &amp;&amp; 2;"),
    }
    assert found.styles == {} and found.style_attributes == {}
    assert found.service_origins == {"https://service.example.go.th"}


def test_a_changed_script_changes_the_policy():
    before = content_security_policy(scan_html(PAGE))
    after = content_security_policy(scan_html(PAGE.replace('"changwat-js"', '"changwat-js2"')))
    assert before != after
    assert csp_hash('(function(h){h.classList.add("changwat-js2")})(document.documentElement)') in after
    assert csp_hash('(function(h){h.classList.add("changwat-js")})(document.documentElement)') not in after


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_policy_never_allows_unsafe_inline_and_limits_forms_and_frames():
    page = PAGE.replace("<body>", '<body><p style="color: red">x</p><style>p{color:red}</style>')
    policy = directives(content_security_policy(scan_html(page), ("https://other.example.go.th",)))
    assert not any("'unsafe-inline'" in values or "'unsafe-eval'" in values for values in policy.values())
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    service = ["https://other.example.go.th", "https://service.example.go.th"]
    assert policy["form-action"] == ["'self'", *service]
    assert policy["connect-src"] == ["'self'", *service]
    # A style="" attribute can be allowed only with 'unsafe-hashes', and only that attribute.
    assert policy["style-src-attr"] == ["'unsafe-hashes'", csp_hash("color: red")]
    assert csp_hash("p{color:red}") in policy["style-src"]


def test_a_page_without_inline_styles_gets_no_style_attribute_allowance():
    policy = directives(content_security_policy(scan_html(PAGE)))
    assert "style-src-attr" not in policy
    assert policy["style-src"] == ["'self'"]


@pytest.mark.parametrize("markup", ['<button onclick="go()">x</button>', '<a href="javascript:void(0)">x</a>',
                                    '<a href=" JavaScript:go()">x</a>'])
def test_inline_event_handlers_and_javascript_links_stop_the_generator_naming_the_page(markup):
    with pytest.raises(InlineCodeError, match="news/index.html"):
        scan_html(PAGE.replace("<body>", "<body>" + markup), page="news/index.html")


def test_the_nginx_include_sends_every_header_on_every_status():
    found = scan_html(PAGE)
    include = nginx_include(security_headers(found), found)
    headers = [line for line in include.splitlines() if line.startswith("add_header")]
    names = [line.split()[1] for line in headers]
    assert names == ["Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                     "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"]
    assert all(line.endswith('" always;') for line in headers)
