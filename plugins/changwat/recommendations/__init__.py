"""The digital-government recommendations: the report, its progress data, scores, site evidence and open data.

Plain modules, no MkDocs: the glue in ``changwat.recommendations.plugin`` turns them into pages.
"""
