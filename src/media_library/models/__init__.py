"""Small frozen dataclasses that the state layer returns (never raw rows) and the upper layers pass
around. One module per domain; this package imports nothing from the rest of the project."""

from .auth import ApiToken, Session, User
from .jobs import JOB_STATUSES, Job, Schedule
from .library import Artwork, Candidate, MediaFile, MediaItem, Playback

__all__ = [
    "ApiToken", "Artwork", "Candidate", "JOB_STATUSES", "Job", "MediaFile", "MediaItem", "Playback",
    "Schedule", "Session", "User",
]
