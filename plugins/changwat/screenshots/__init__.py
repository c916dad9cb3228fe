"""Screenshots of the citizen's site for review: the main page kinds, in Thai and English, on phones, a tablet and
a desktop (Chromium device emulation), in every colour mode, with a contact sheet and each shot's layout facts.

    python -m changwat.screenshots --site site --out build/screenshots      (make screenshots)

No MkDocs here: it photographs a built site, served on 127.0.0.1 by changwat.checks.browser.serve."""
