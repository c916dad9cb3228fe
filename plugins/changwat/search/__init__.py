"""Thai-aware site search, built at build time, run in the browser.

Thai is written without spaces between words, so Material's lunr search (which splits on spaces) cannot find a
word in the middle of a sentence. Here each page's text is cut into words with PyThaiNLP (newmm, its bundled
dictionary) at build time; the word boundaries travel in the index as U+200B, and the browser matches the query
on character sequences, ranking matches that sit on word boundaries, in titles, and covering every word first.
"""
