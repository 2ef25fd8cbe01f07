"""Article jobs: ``article.save`` (fetch or take the sent HTML, extract, keep images, publish);
the work is ``ArticleService.run`` (``services/articles/service.py``). Resumable: a save killed
half-way runs again from its work folder, and publishing an already saved article is skipped."""

from __future__ import annotations

from ...models.article_jobs import ARTICLE_SAVE, ArticlePayload
from ..base import JobHandler


class ArticleSave(JobHandler):
    kind = ARTICLE_SAVE
    payload = ArticlePayload

    def run(self, ctx, payload: ArticlePayload):
        return self.services.articles.run(payload.article_id, ctx)


HANDLERS = [ArticleSave]
