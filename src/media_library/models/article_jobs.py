"""The article source's job kinds and their payloads (the ``models/job_payloads.py`` pattern).

``article.save`` fetches (or takes the HTML a browser sent), extracts, saves the images and
publishes one article; its payload names the ``articles`` row, which holds the URL.
"""

from __future__ import annotations

from dataclasses import dataclass

ARTICLE_SAVE = "article.save"


@dataclass(frozen=True)
class ArticlePayload:
    article_id: int
