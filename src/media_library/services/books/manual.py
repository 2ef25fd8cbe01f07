"""Books entered by hand (the shelf of paper books, or one whose file lives elsewhere): the fields a
person types (title, authors, year, ISBN, series and its number, description), checked, as the
``media`` item of kind ``book`` they become or change. Such an item has no file; a book added by
file can be corrected the same way (its file stays where it is)."""

from __future__ import annotations

from typing import Any

from ...errors import InvalidInput

FIELDS = ("title", "authors", "year", "isbn", "series", "series_index", "overview")
MAX_TEXT = 500
MAX_OVERVIEW = 5000


def read_fields(body: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """A request body's book fields, checked (only those it sent); ``creating`` needs a title."""
    if creating and not isinstance(body.get("title"), str):
        raise InvalidInput("title is required: the book's title")
    checks = {"title": _title, "authors": _authors, "year": _year, "isbn": normalise_isbn, "series": _series,
              "series_index": _series_index, "overview": _overview}
    return {name: checks[name](body[name]) for name in FIELDS if name in body}


def _title(value: Any) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput(f"title must be text of 1 to {MAX_TEXT} characters")
    return text


def _authors(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(a, str) and len(a) <= MAX_TEXT for a in value) or len(value) > 20:
        raise InvalidInput("authors must be a list of at most 20 names")
    return [" ".join(a.split()) for a in value if a.strip()]


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 2999:
        raise InvalidInput("year must be a whole number such as 2019, or null")
    return value


def _series(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise InvalidInput(f"series must be text of at most {MAX_TEXT} characters, or null")
    return " ".join(value.split())


def _series_index(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100000:
        raise InvalidInput("series_index must be the book's number in its series (such as 2 or 2.5), or null")
    return float(value)


def _overview(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > MAX_OVERVIEW:
        raise InvalidInput(f"overview must be text of at most {MAX_OVERVIEW} characters, or null")
    return value.strip()


def normalise_isbn(value: Any) -> str | None:
    """An ISBN-10 or ISBN-13 without its hyphens and spaces, its check digit verified; None for empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    digits = value.replace("-", "").replace(" ", "").upper() if isinstance(value, str) else ""
    if not (_isbn13_ok(digits) or _isbn10_ok(digits)):
        raise InvalidInput("isbn must be an ISBN-10 or ISBN-13 (such as 978-0-306-40615-7) with a correct check digit")
    return digits


def _isbn13_ok(digits: str) -> bool:
    return len(digits) == 13 and digits.isdigit() and sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def _isbn10_ok(digits: str) -> bool:
    if len(digits) != 10 or not digits[:9].isdigit() or not (digits[9].isdigit() or digits[9] == "X"):
        return False
    values = [int(d) for d in digits[:9]] + [10 if digits[9] == "X" else int(digits[9])]
    return sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0
