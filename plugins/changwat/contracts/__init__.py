"""The files the parts of Changwat exchange, each format described once as frozen dataclasses that the writer
builds and the reader gets back (``typed.read`` checks every field and names the file and field of a mismatch):

- reports.py   reports/checks.json and reports/audit.json: written by the standards gate (changwat.checks),
               read by the recommendations evidence and the Standard compliance page.
- exports.py   data/service/qa.json, survey.json, stats.json: written by the participation service, read by
               the participation plugin.
- typed.py     the reading and writing itself.

exports.py and typed.py are symlinks to service/changwat_service/contract/: the service owns the format of its
exports and stays installable alone (standard library only, no import of changwat), and the kit reads that
very file, so the two cannot drift. The wheel gets a copy of each, like the kit's theme and checks.
"""
