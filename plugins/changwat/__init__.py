"""Changwat: a kit for Thai provincial government websites.

Plain modules here hold the logic (no MkDocs import); `changwat.mkdocs_plugins` holds the thin MkDocs glue,
so that a future generator (Zensical) can reuse everything but the glue.
"""
