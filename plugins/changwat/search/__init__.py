"""Thai-aware site search, built at build time, run in the browser.

Thai is written without spaces between words, so Material's lunr search (which splits on spaces) cannot find a
word in the middle of a sentence. Here each page's text is cut into words with PyThaiNLP (newmm, its bundled
dictionary) at build time; the index is written in pieces (index.py: a manifest, shards by the leading characters of
each word, one record per page), so a query downloads only the shards of its words and the records of its best
pages. The browser ranks those records on character sequences (word boundaries travel as U+200B), matches that
sit on word boundaries, in titles, and covering every word first.
"""
