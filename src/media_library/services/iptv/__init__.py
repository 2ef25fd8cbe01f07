"""The IPTV (Xtream Codes) source's use cases: accounts, catalog sync, browsing, playback proxy,
downloads, tracked series, M3U/XMLTV and the STRM source. See ``sources/iptv.py``."""
