"""'Last updated' comes from git history, in the Buddhist era in Thai, unless the front matter overrides it."""

from __future__ import annotations

import os
import subprocess

from conftest import mkdocs_build


def commit_all(repo, when: str):
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.go.th",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.go.th"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "content"], cwd=repo, check=True, env=env)


def test_dates_from_git_history_in_both_languages(minisite, tmp_path):
    # 17:30 UTC on the 23rd is already the 24th in Bangkok.
    commit_all(minisite.parent, "2026-11-23T17:30:00+00:00")
    site = tmp_path / "out"
    assert mkdocs_build(minisite, site).returncode == 0
    thai = (site / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'ปรับปรุงล่าสุด <time datetime="2026-11-24">24 พฤศจิกายน 2569</time>' in thai
    assert 'Last updated <time datetime="2026-11-24">24 November 2026</time>' in english


def test_front_matter_updated_overrides_git(minisite, tmp_path):
    page = minisite.parent / "docs" / "th" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: หน้าแรก", "title: หน้าแรก\nupdated: 2025-01-02"),
                    encoding="utf-8")
    commit_all(minisite.parent, "2026-11-23T10:00:00+07:00")
    site = tmp_path / "out"
    assert mkdocs_build(minisite, site).returncode == 0
    assert '<time datetime="2025-01-02">2 มกราคม 2568</time>' in (site / "index.html").read_text(encoding="utf-8")


def test_unreadable_updated_date_names_file_and_field(minisite, tmp_path):
    page = minisite.parent / "docs" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Home", "title: Home\nupdated: last week"),
                    encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/en/index.md:3 (updated)" in result.stderr and "last week" in result.stderr
