"""The live preview (`changwat serve`, `make serve`) and its mail sink.

    problems.py   a failed build as a list of Problems (plain logic, no MkDocs import)
    pages.py      the problem page and the mail inbox, rendered from overrides/preview/*.html
    server.py     the MkDocs glue: MkDocs' live-reload server, answering with the problem page while a build fails
    mail.py       mail decoded for people (plain logic); mailsink.py serves it: SMTP in, terminal + inbox page out
"""
