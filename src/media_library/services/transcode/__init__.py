"""The player's remux and transcode path: decide how a file plays in a browser (``plan``), run
ffmpeg as an HLS segmenter per viewer (``sessions``), and the use cases the routes call
(``service``). See docs/PLAYER.md."""

from .service import PlayerService

__all__ = ["PlayerService"]
