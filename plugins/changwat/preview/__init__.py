"""The live preview (`changwat serve`, `make serve`) and its mail sink.

    problems.py   a failed build as a list of Problems (plain logic, no MkDocs import)
    pages.py      the problem page and the mail inbox, rendered from overrides/preview/*.html
    (cli/serve.py is the MkDocs glue: MkDocs' live-reload server, answering with the problem page while a build
    fails; it lives with the command line, the one place besides plugins that runs MkDocs; so does cli/incremental.py,
    which after an edit has MkDocs convert and write again only the pages it touched)
    mail.py       mail decoded for people (plain logic); mailsink.py serves it: SMTP in, terminal + inbox page out
"""
