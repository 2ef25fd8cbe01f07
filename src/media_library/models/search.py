"""A full-text search in plain words, independent of the search engine that runs it.

Services build it from what a person typed; the database backend compiles it into its own query
language (FTS5 ``MATCH`` syntax for SQLite), so nothing a person types reaches that syntax.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One word; with ``prefix`` it also matches longer words that start with it."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class TextQuery:
    """Every group must match (AND); within a group any one term may (OR).

    ``glued`` is an alternative for the whole query, matched on the titles written without
    in-word punctuation ("spider man" also finds "Spider-Man" as ``spiderman``). With
    ``titles_only`` only titles and original titles are searched, not overviews.
    """

    groups: tuple[tuple[Term, ...], ...]
    glued: Term | None = None
    titles_only: bool = False
