"""Keep-or-stream rules as data, and the engine that applies them. Pure: no database, no HTTP.

A rule is ``{name, priority, condition, action, via, enabled}``. Rules are tried from the highest
priority down; the first whose condition holds decides (``keep``: download it; ``never``: do
nothing, whatever else holds; ``stream``: leave it streaming). ``via`` says how a keep is carried
out: ``radarr``, ``download`` (our own downloader: an Xtream VOD title through the IPTV
downloader) or ``auto`` (our own downloader when the film is one of our exports, else Radarr). No rule holding means ``stream``.
An override set on a film (always keep / never download) comes before every rule.

A condition is a small tree a person edits as JSON::

    {"all": [c, …]}  {"any": [c, …]}  {"not": c}
    {"fact": "imdb_rating", "op": ">=", "value": 8.5}
    {"fact": "keywords", "op": "contains_any", "value": ["criterion", "uncut"]}
    {"fact": "completed_views", "op": ">=", "value": 2, "days": 90, "min_completion": 0.9}

A fact that is unknown (Radarr not configured, no rating) makes its comparison false. Facts are
listed in ``FACTS``; ``completed_views`` is counted from the history with the node's own window.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import InvalidInput
from ...models.decisions import ACTIONS, VIAS

FACTS = {
    "item_type": "Jellyfin's ItemType: Movie, Episode, …",
    "tracked_user": "the user is tracked (decisions.tracked_users / guest_users)",
    "user": "the Jellyfin user name",
    "title": "the film's title",
    "year": "release year",
    "age_years": "years since release",
    "imdb_rating": "IMDb rating from Radarr (ratings.imdb.value), not Jellyfin's CommunityRating",
    "imdb_votes": "IMDb votes from Radarr",
    "original_language": "original language from Radarr (English, French, …)",
    "genres": "genres (Radarr's, else Jellyfin's)",
    "keywords": "Radarr's keywords plus the title and edition words",
    "completion": "share of this playback, 0-1 (unknown when the runtime is)",
    "completed_views": "playbacks by tracked users at least min_completion (0.9) within days (90)",
    "in_radarr": "Radarr has the film",
    "has_file": "Radarr has the film's file on disk",
    "our_strm": "the film is one of our STRM exports (a film of our library or an Xtream VOD title), by its TMDb id",
    "in_library": "our library holds the film (a file on our disk)",
    "iptv_vod": "an Xtream VOD title of the IPTV catalogs is the film (our own downloader can fetch it)",
}
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
}
OPS = (*_COMPARE, "contains_any", "in")
_SYMBOL = {">=": "≥", "<=": "≤", "!=": "≠", "==": "="}

RARE_KEYWORDS = ["criterion", "director's cut", "restored", "uncut"]
DEFAULT_RULES: list[dict[str, Any]] = [
    {"name": "Never: TV episodes", "priority": 100, "action": "never", "via": "auto",
     "description": "Series are streamed, never downloaded.",
     "condition": {"fact": "item_type", "op": "!=", "value": "Movie"}},
    {"name": "Never: guests", "priority": 90, "action": "never", "via": "auto",
     "description": "Only tracked users' viewing counts.",
     "condition": {"fact": "tracked_user", "op": "==", "value": False}},
    {"name": "Instant keep: IMDb 8.5+", "priority": 50, "action": "keep", "via": "auto",
     "description": "Top-rated films are kept at once.",
     "condition": {"fact": "imdb_rating", "op": ">=", "value": 8.5}},
    {"name": "Instant keep: rare content", "priority": 50, "action": "keep", "via": "auto",
     "description": "Special editions, old foreign films, well-rated little-known films, world cinema.",
     "condition": {"any": [
         {"fact": "keywords", "op": "contains_any", "value": RARE_KEYWORDS},
         {"all": [{"fact": "year", "op": "<", "value": 1990}, {"fact": "original_language", "op": "!=", "value": "English"}]},
         {"all": [{"fact": "imdb_rating", "op": ">=", "value": 8.0}, {"fact": "imdb_votes", "op": "<", "value": 50000}]},
         {"fact": "genres", "op": "contains_any", "value": ["Foreign", "World Cinema", "Silent"]},
     ]}},
    {"name": "Instant keep: family or animation", "priority": 50, "action": "keep", "via": "auto",
     "description": "Films children watch again and again.",
     "condition": {"fact": "genres", "op": "contains_any", "value": ["Family", "Animation"]}},
    {"name": "Keep after rewatch", "priority": 40, "action": "keep", "via": "auto",
     "description": "Watched to the end twice within 90 days by tracked users.",
     "condition": {"fact": "completed_views", "op": ">=", "value": 2, "days": 90, "min_completion": 0.9}},
]
DAY = 86400.0


@dataclass(frozen=True)
class Verdict:
    action: str
    rule_name: str
    reason: str
    rule_id: int | None = None
    via: str = "auto"


# --- checking what a person wrote ---------------------------------------------------------------
def check_rule(rule: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The rule's fields, checked; ``partial`` for a change to some of them."""
    allowed = ("name", "priority", "condition", "action", "via", "enabled", "description")
    unknown = set(rule) - set(allowed)
    if unknown:
        raise InvalidInput(f"unknown rule field(s): {', '.join(sorted(unknown))}")
    required = () if partial else ("name", "condition", "action")
    missing = [name for name in required if name not in rule]
    if missing:
        raise InvalidInput(f"a rule needs {', '.join(missing)}")
    out = dict(rule)
    if "name" in out and (not isinstance(out["name"], str) or not 1 <= len(out["name"].strip()) <= 100):
        raise InvalidInput("a rule's name is 1 to 100 characters")
    if "priority" in out and (isinstance(out["priority"], bool) or not isinstance(out["priority"], int)):
        raise InvalidInput("priority must be a whole number (higher is tried first)")
    if "action" in out and out["action"] not in ACTIONS:
        raise InvalidInput(f"action must be one of {', '.join(ACTIONS)}")
    if "via" in out and out["via"] not in VIAS:
        raise InvalidInput(f"via must be one of {', '.join(VIAS)}")
    if "enabled" in out and not isinstance(out["enabled"], bool):
        raise InvalidInput("enabled must be true or false")
    if "condition" in out:
        check_condition(out["condition"])
    return out


def check_condition(node: Any, path: str = "condition", depth: int = 0) -> None:
    if depth > 8:
        raise InvalidInput(f"{path}: conditions nest at most 8 deep")
    if not isinstance(node, dict):
        raise InvalidInput(f"{path} must be an object such as {{\"fact\": \"imdb_rating\", \"op\": \">=\", \"value\": 8.5}}")
    for group in ("all", "any"):
        if group in node:
            if set(node) != {group} or not isinstance(node[group], list) or not node[group]:
                raise InvalidInput(f"{path}.{group} must be the only key, with a non-empty list of conditions")
            for index, child in enumerate(node[group]):
                check_condition(child, f"{path}.{group}[{index}]", depth + 1)
            return
    if "not" in node:
        if set(node) != {"not"}:
            raise InvalidInput(f"{path}.not must be the only key")
        check_condition(node["not"], f"{path}.not", depth + 1)
        return
    _check_leaf(node, path)


def _check_leaf(node: dict, path: str) -> None:
    if node.get("fact") not in FACTS:
        raise InvalidInput(f"{path}.fact must be one of {', '.join(FACTS)}")
    if node.get("op") not in OPS:
        raise InvalidInput(f"{path}.op must be one of {', '.join(OPS)}")
    if "value" not in node:
        raise InvalidInput(f"{path} needs a value to compare with")
    if node["op"] in ("contains_any", "in") and not isinstance(node["value"], list):
        raise InvalidInput(f"{path}.value must be a list for {node['op']}")
    extra = set(node) - {"fact", "op", "value", "days", "min_completion"}
    if extra:
        raise InvalidInput(f"{path}: unknown key(s) {', '.join(sorted(extra))}")


# --- deciding -----------------------------------------------------------------------------------
def decide(rules: Sequence[Any], facts: Mapping[str, Any], override: str | None = None) -> Verdict:
    """The verdict of the first enabled rule (highest priority first) whose condition holds."""
    if override == "always_keep":
        return Verdict("keep", "Override: always keep", "a person chose to always keep this film")
    if override == "never_download":
        return Verdict("never", "Override: never download", "a person chose never to download this film")
    for rule in sorted((r for r in rules if r.enabled), key=lambda r: (-r.priority, r.id)):
        held, why = evaluate(rule.condition, facts)
        if held:
            return Verdict(rule.action, rule.name, "; ".join(why) or rule.name, rule.id, rule.via)
    return Verdict("stream", "No rule", "no rule matched, so the film keeps streaming")


def evaluate(node: Mapping[str, Any], facts: Mapping[str, Any]) -> tuple[bool, list[str]]:
    """Whether ``node`` holds over ``facts``, and the reasons (the facts that made it hold)."""
    if "all" in node:
        results = [evaluate(child, facts) for child in node["all"]]
        return all(ok for ok, _ in results), [w for _, why in results for w in why]
    if "any" in node:
        for child in node["any"]:
            ok, why = evaluate(child, facts)
            if ok:
                return True, why
        return False, []
    if "not" in node:
        ok, _ = evaluate(node["not"], facts)
        return (not ok), ([f"not ({describe(node['not'])})"] if not ok else [])
    return _leaf(node, facts)


def _leaf(node: Mapping[str, Any], facts: Mapping[str, Any]) -> tuple[bool, list[str]]:
    fact, op, wanted = node["fact"], node["op"], node["value"]
    value = completed_views(facts, node) if fact == "completed_views" else facts.get(fact)
    if value is None:
        return False, []
    if op == "contains_any":
        hits = _contained(value, wanted)
        return bool(hits), [f"{fact} include {', '.join(hits)}"] if hits else []
    if op == "in":
        ok = value in wanted
        return ok, [f"{fact} is {value}"] if ok else []
    try:
        ok = _COMPARE[op](value, wanted)
    except TypeError:
        return False, []
    return ok, [f"{_label(fact, node)} {_show(value)} {_SYMBOL.get(op, op)} {_show(wanted)}"] if ok else []


def completed_views(facts: Mapping[str, Any], node: Mapping[str, Any]) -> int:
    """Tracked users' playbacks of at least ``min_completion`` within ``days`` of now."""
    days, least = float(node.get("days", 90)), float(node.get("min_completion", 0.9))
    since = facts.get("now", 0.0) - days * DAY
    return sum(1 for watched_at, share in facts.get("views", ()) if watched_at >= since and share >= least)


def _contained(value: Any, wanted: list) -> list[str]:
    wanted_lower = [str(w).lower() for w in wanted]
    if isinstance(value, str):
        return [w for w in wanted_lower if w in value.lower()]
    have = [str(v).lower() for v in value]
    return [w for w in wanted_lower if any(w == h or w in h for h in have)]


def _label(fact: str, node: Mapping[str, Any]) -> str:
    if fact == "completed_views":
        return f"completed views (≥ {round(float(node.get('min_completion', 0.9)) * 100)} %) in {node.get('days', 90)} days:"
    return fact.replace("_", " ")


def _show(value: Any) -> str:
    return {True: "yes", False: "no"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def describe(node: Mapping[str, Any]) -> str:
    """A condition in words (for reasons and the app)."""
    for group, joiner in (("all", " and "), ("any", " or ")):
        if group in node:
            return "(" + joiner.join(describe(c) for c in node[group]) + ")"
    if "not" in node:
        return f"not {describe(node['not'])}"
    return f"{_label(node['fact'], node)} {_SYMBOL.get(node['op'], node['op'])} {_show(node['value'])}"
