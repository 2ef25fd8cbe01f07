"""The article source's use cases: save a page by URL or as HTML a browser sent, read it, search it.

Modules: ``settings`` (the ``articles`` section), ``extract`` (trafilatura), ``sanitize`` (nh3),
``images`` (each image fetched through the outbound guard and kept locally), ``publish`` (the
folder's atomic move into the library) and ``service`` (``ArticleService``, what the API, the
job and the CLI call).
"""
