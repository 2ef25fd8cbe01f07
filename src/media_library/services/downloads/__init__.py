"""The download source's use cases (yt-dlp): ``service.py`` (add, run, cancel, engine), ``publish.py``
(web videos in the Jellyfin channel layout, films through ``Publisher.accept``), ``urls.py`` (what a
URL must be), ``settings.py`` (the ``downloads`` section) and ``events.py`` (``download_updated``)."""
