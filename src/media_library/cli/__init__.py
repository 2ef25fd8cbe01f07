"""The command line: ``media-library serve`` and the admin commands that need no browser."""
