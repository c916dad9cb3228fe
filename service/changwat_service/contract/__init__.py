"""The files the service writes for the site's next build (data/service/*.json), described once.

``typed`` and ``exports`` are standard-library-only modules that import nothing from either package: the site
kit ships the very same files as ``changwat.contracts.typed`` and ``changwat.contracts.exports`` (symlinks into
this folder), so the service writes and the site reads one format, and neither depends on the other.
"""
