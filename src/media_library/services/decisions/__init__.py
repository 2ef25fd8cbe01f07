"""Watch-driven decisions: Jellyfin playback events → our own watch history → keep-or-stream rules → Radarr
(or our own downloader), and the clean-up of kept films nobody watches. See docs/DECISIONS.md."""
