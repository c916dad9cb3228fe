"""Changwat: a kit for Thai provincial government websites.

One folder per feature: `<feature>/plugin.py` is its thin MkDocs glue, the other modules of the folder its plain
logic (no MkDocs import), `theme/<feature>/` its templates and assets. `core` holds what every feature shares.
"""

__version__ = "0.2.0"
