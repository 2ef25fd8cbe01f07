"""The podcast source's use cases: subscriptions and feed checks (``service.py``), episode
downloads and their publish step (``download.py``), retention (``retention.py``), OPML
(``opml.py``), the feeds served to phone apps (``rss.py``) and gPodder sync (``gpodder.py``).
"""
