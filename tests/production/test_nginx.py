"""The generated nginx configuration, run by the real nginx over a freshly built sample site: headers on pages,
assets and errors, GET and HEAD only, compression, and the proxy in front of the service."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import ssl
import subprocess
import urllib.error
import urllib.request
import warnings
from urllib.parse import urlsplit

import pytest

from changwat.production.csp import csp_hash, scan_html
from changwat.production.nginx import BROTLI_MODULE

from production_nginx import echo_upstream, production, run_nginx  # noqa: F401 (fixtures)


def request(url: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None):
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def policy(response) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in response.headers["Content-Security-Policy"].split("; ")}


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'", "https://service.sample-province.go.th"]
    assert directives["connect-src"] == ["'self'", "https://service.sample-province.go.th"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def test_a_page_has_the_headers_and_a_policy_that_allows_exactly_its_inline_scripts(production, built_site):
    response, body = request(production.site + "news/")
    assert response.status == 200
    assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-cache"
    page_scripts = set(scan_html(body.decode("utf-8")).scripts)
    assert page_scripts and page_scripts <= set(policy(response)["script-src"])
    # The text size script that runs before the first paint is one of them.
    text_size = re.search(r"<script>(\(function\(h\)\{try\{var s=localStorage.*?)</script>", body.decode()).group(1)
    assert csp_hash(text_size) in policy(response)["script-src"]


def test_hashed_assets_are_cached_a_year_and_unhashed_ones_are_revalidated(production, built_site):
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    stylesheet = next((built_site / "assets" / "stylesheets").glob("main.*.min.css")).name
    for path in (f"assets/javascripts/{bundle}", f"assets/stylesheets/{stylesheet}"):
        response, _ = request(production.site + path)
        assert response.status == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    response, _ = request(production.site + "assets/changwat/display/display.js")
    assert response.headers["Cache-Control"] == "no-cache"


def test_a_missing_page_is_the_sites_404_in_its_language_with_the_headers(production):
    response, body = request(production.site + "no-such-page/")
    assert response.status == 404
    assert_security_headers(response)
    assert "<html lang=\"th\"" in body.decode()
    response, body = request(production.site + "en/no-such-page/")
    assert response.status == 404
    assert "<html lang=\"en\"" in body.decode() and "Page not found" in body.decode()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_static_files_answer_only_get_and_head(production, method):
    response, _ = request(production.site + "index.html", method, body=b"x=1")
    assert response.status == 405
    assert response.headers["Allow"] == "GET, HEAD"
    assert_security_headers(response)
    head, body = request(production.site + "index.html", "HEAD")
    assert head.status == 200 and body == b""


def test_pages_are_compressed_for_browsers_that_accept_it(production, built_site):
    response, body = request(production.site, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (built_site / "index.html").read_bytes()
    assert len(body) < (built_site / "index.html").stat().st_size / 3
    plain, body = request(production.site)
    assert plain.headers.get("Content-Encoding") is None
    assert body == (built_site / "index.html").read_bytes()


def test_brotli_when_debians_module_is_installed(production):
    # deploy/ensure-nginx.sh installs libnginx-mod-http-brotli-filter wherever Debian has it (make test runs it).
    assert BROTLI_MODULE.exists(), "run deploy/ensure-nginx.sh: Debian's brotli module for nginx is missing"
    response, _ = request(production.site, headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"


def test_the_proxy_tells_the_service_the_client_address_it_saw_not_one_the_client_wrote(production, echo_upstream):
    seen, _ = echo_upstream
    response, body = request(production.service + "th/question", "POST",
                             headers={"X-Forwarded-For": "203.0.113.9", "Content-Type": "application/json"},
                             body=b'{"subject": "x"}')
    assert response.status == 200
    received = json.loads(body)["headers"]
    assert received["X-Forwarded-For"] == "127.0.0.1"
    assert received["X-Forwarded-Proto"] == "http"
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_proxy_refuses_bodies_larger_than_the_service_accepts(production, echo_upstream):
    seen, _ = echo_upstream
    before = len(seen)
    response, _ = request(production.service + "th/question", "POST", body=b"x" * (65 * 1024),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 413
    assert len(seen) == before  # never reached the service


def test_the_proxy_answers_429_to_a_flood_of_logins(production):
    statuses = [request(production.service + "th/admin/login", "POST", body=b"u=a&p=b")[0].status
                for _ in range(20)]
    # 10 a minute with a burst of 10: the first ones pass, the rest of twenty at once are refused.
    assert statuses[0] == 200 and statuses[-1] == 429
    assert statuses.count(429) >= 5


def test_the_access_log_has_no_client_address_query_string_or_mail_token(production):
    # The Host header names the server, so a client address could only come from the log format.
    named = {"Host": "www.sample-province.go.th"}
    start = len(production.access_log)
    request(production.site + "about/?q=secret-query", headers=named)
    request(production.service + "unsubscribe/tok3n-with-mail-address", headers={"Host": "service.example"})
    request(production.service + "th/subscribe/confirm?token=tok3n-in-query", headers={"Host": "service.example"})
    # Only the lines of these three requests: nginx may still be writing the previous test's last lines (logins
    # sent with the Host 127.0.0.1) after `start` was read.
    ours = [line for line in production.access_log[start:].splitlines()
            if line.split(" ")[1:2] in (["www.sample-province.go.th"], ["service.example"])]
    assert len(ours) == 3, ours
    log = "\n".join(ours)
    assert '"GET /about/ HTTP/1.1" 200' in log
    assert '"GET /unsubscribe/[token] HTTP/1.1"' in log
    assert '"GET /th/subscribe/confirm HTTP/1.1"' in log
    for secret in ("127.0.0.1", "secret-query", "tok3n"):
        assert secret not in log


def test_the_tls_template_is_a_valid_configuration_with_tls_12_and_13_only(built_site, echo_upstream, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    with run_nginx(built_site, tmp_path / "tls", echo_upstream[1], "--tls-certificate", str(cert),
                   "--tls-key", str(key)) as nginx:
        url = nginx.site.replace("http://", "https://")
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        with urllib.request.urlopen(url, context=context) as response:
            assert response.status == 200
            assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        for version, accepted in ((ssl.TLSVersion.TLSv1_2, True), (ssl.TLSVersion.TLSv1_3, True),
                                  (ssl.TLSVersion.TLSv1_1, False)):
            # The client offers one version only, at OpenSSL's lowest security level, so a refusal is the server's.
            client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            client.check_hostname, client.verify_mode = False, ssl.CERT_NONE
            client.set_ciphers("ALL:@SECLEVEL=0")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.1 is deprecated: that is the point
                client.minimum_version = client.maximum_version = version
            if accepted:
                with urllib.request.urlopen(url, context=client) as response:
                    assert response.status == 200
            else:
                with pytest.raises((ssl.SSLError, urllib.error.URLError)) as refused:
                    urllib.request.urlopen(url, context=client)
                assert "PROTOCOL_VERSION" in str(refused.value).upper().replace(" ", "_")
