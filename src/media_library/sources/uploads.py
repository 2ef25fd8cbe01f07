"""The upload source: files a person sends through the app (``POST /api/library/upload``).

Everything it needs is core: the uploads folder under the data folder, ``server.max_upload_mb``,
the library's ``UploadService`` (``services/library/upload.py``) and the library routes. It is
registered so that every way media comes in is listed in one place, and it follows the same
ingestion contract (``services/ingest.py``): fetch into a hidden part file, check the content,
``Publisher.accept``.
"""

from __future__ import annotations

from .declaration import Source

SOURCE = Source(name="uploads")
