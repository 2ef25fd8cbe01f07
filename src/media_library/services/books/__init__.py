"""The book source's use cases: add EPUB, PDF and CBZ files (metadata and cover from the file),
place them as ``Books/Author/Title (Year)/Title - Author.ext`` with ``cover.jpg``, index EPUB text
for search, and list them as an OPDS catalog (``metadata``, ``settings``, ``service``, ``opds``)."""
