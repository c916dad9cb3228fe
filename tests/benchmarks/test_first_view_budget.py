"""The first view of a news item stays within its budget (issue 17: citizens on cheap phones and slow networks):
what the page names, gzip-compressed as a server sends it, counted without timing. The browser test shows that
the page's references are all Chromium fetches, so the count is the whole first view."""

from __future__ import annotations

import socket

from benchmarks import budgets, first_view
from benchmarks.__main__ import content_item
from conftest import ROOT


def news_item() -> str:
    """The page the benchmark measures: the newest Thai news item with a picture."""
    return content_item(ROOT / "docs")


def test_the_first_view_of_a_news_item_is_within_its_budget(built_site):
    view = first_view.measure(built_site, news_item(), port=0, use_browser=False)
    assert view.missing == []
    assert view.render_blocking == []
    assert any(path.endswith((".svg", ".png", ".jpg", ".webp")) and "/news/" in path for path in view.files), \
        "the measured item has its picture"
    detail = ", ".join(f"{path} {size:,}" for path, size in sorted(view.files.items(), key=lambda f: -f[1]))
    assert view.total_gzip <= budgets.FIRST_VIEW, (
        f"first view of {view.page}: {view.total_gzip:,} bytes gzip > {budgets.FIRST_VIEW:,} ({detail})")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_chromium_fetches_nothing_the_page_does_not_name(built_site):
    page = news_item()
    named = first_view.measure(built_site, page, port=0, use_browser=False).files
    fetched = first_view.browser_requests(built_site, page, _free_port())
    assert fetched is not None, "Chromium did not start"
    paths = {path for path, _ in fetched}
    # A lazily loaded picture may wait for scrolling; the count includes it anyway.
    assert paths <= set(named), f"fetched but not named by the page: {sorted(paths - set(named))}"
    assert {path for path in named if path.endswith((".css", ".js"))} <= paths
    assert all(status == 200 for _, status in fetched)
