"""Changwat's standards gate: checks that judge the built site folder (HTML, CSS, JS), never the generator.

Run it as ``python -m checks``; see ``checks/__main__.py`` for the options.
"""
