"""Media Library: one self-hosted daemon for every way media enters a home.

The package is layered; imports only point downward:
web, monitor, cli -> jobs -> services -> state, clients, tools -> db, models, errors, events, config.
"""

__version__ = "0.1.0"
