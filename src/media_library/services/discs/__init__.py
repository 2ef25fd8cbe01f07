"""Disc ripping: detection (``monitor``), labels, identification and the confirmation window
(``service``), rips with HandBrakeCLI (``rip``, ``tv``, ``image``), audio CDs (``audio_cd``) and
monitor mode's link to a server (``remote``, ``outbox``). See docs/DISCS.md."""
