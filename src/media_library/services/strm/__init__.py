"""STRM/NFO export: the library (and later the IPTV catalog) as a tree of ``.strm`` and ``.nfo``
files a media server imports as a native library. See docs/STRM.md.

``sources`` yields what to export (``runtime`` probes runtimes the library lacks), ``exporter``
plans, cleans up and writes it (with ``manifest``, ``throttle`` and ``report``), ``refresh`` pokes
media servers, ``auto`` runs it after library changes and ``token`` keeps the stream-only token
the URLs carry.
"""
