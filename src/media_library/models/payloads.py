"""Reading a JSON object into a frozen dataclass, strictly, and writing it back.

``from_json(Payload, data)`` checks every field against its annotation and builds the dataclass;
``to_json(obj)`` is the JSON-able dict that is stored (``asdict``, tuples as lists). Supported
annotations: ``int``, ``float``, ``str``, ``bool``, ``X | None``, ``list[X]``, ``tuple[X, ...]``,
``Literal[...]`` and nested dataclasses. Unknown fields are refused and every error names the
field (``media_ids[2]``, ``choice.title``), so a person can fix what they sent.

Why not a library: dacite accepts ``True`` where an ``int`` is wanted (``bool`` is an ``int`` in
Python) and needs configuration for the rest; cattrs and pydantic bring a model layer and error
trees of their own for what is here some sixty lines over ``typing.get_type_hints``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


class PayloadError(ValueError):
    """A value that does not fit its field; ``field`` is the dotted path to it."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field} {problem}" if field else problem)
        self.field = field
        self.problem = problem


def from_json(cls: type[T], data: Any, *, where: str = "") -> T:
    """``cls`` built from the JSON object ``data``; ``PayloadError`` naming the field otherwise."""
    if not isinstance(data, Mapping):
        raise PayloadError(where, "must be a JSON object")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    for name in data:
        if name not in fields:
            raise PayloadError(_join(where, str(name)), f"is not a field here; allowed: {_names(fields)}")
    values = {}
    for name, field in fields.items():
        path = _join(where, name)
        if name in data:
            values[name] = _value(hints[name], data[name], path)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise PayloadError(path, f"is required ({describe(hints[name])})")
    try:
        return cls(**values)
    except PayloadError as exc:  # a __post_init__ check: put the outer path in front
        raise PayloadError(_join(where, exc.field), exc.problem) from None


def to_json(obj: Any) -> dict[str, Any]:
    """What is stored for a payload: plain JSON types only."""
    return json.loads(json.dumps(dataclasses.asdict(obj)))


def describe(kind: Any) -> str:
    """The annotation in words, for error messages."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(describe(a) for a in args if a is not type(None)) + " or null"
    if origin in (list, tuple):
        return f"a list of {describe(args[0]).removeprefix('a ').removeprefix('an ')}s"
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    if dataclasses.is_dataclass(kind):
        return f"an object with {_names({f.name: f for f in dataclasses.fields(kind)})}"
    return {int: "a whole number", float: "a number", str: "a string", bool: "true or false"}[kind]


def _value(kind: Any, value: Any, path: str) -> Any:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _value(inner[0], value, path) if len(inner) == 1 else _first_fit(inner, value, path)
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise _wrong(kind, value, path)
        items = [_value(args[0], item, f"{path}[{n}]") for n, item in enumerate(value)]
        return tuple(items) if origin is tuple else items
    if origin is typing.Literal:
        if value not in args or isinstance(value, bool) != any(isinstance(a, bool) for a in args):
            raise _wrong(kind, value, path)
        return value
    if dataclasses.is_dataclass(kind):
        return from_json(kind, value, where=path)
    if _fits(kind, value):
        return float(value) if kind is float else value
    raise _wrong(kind, value, path)


def _fits(kind: Any, value: Any) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return kind is str and isinstance(value, str)


def _first_fit(kinds: list[Any], value: Any, path: str) -> Any:
    for kind in kinds:
        try:
            return _value(kind, value, path)
        except PayloadError:
            continue
    raise PayloadError(path, f"must be {' or '.join(describe(k) for k in kinds)} (got {_shown(value)})")


def _wrong(kind: Any, value: Any, path: str) -> PayloadError:
    return PayloadError(path, f"must be {describe(kind)} (got {_shown(value)})")


def _shown(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _names(fields: Mapping[str, Any]) -> str:
    return ", ".join(fields) if fields else "none (send {})"


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where and name else where or name
