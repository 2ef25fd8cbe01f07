"""The Plex source's use cases: servers and mappings (``service``), sync and import (``sync``),
watched state and watch history (``watched``), artwork (``artwork``); parsing in ``parse``."""
