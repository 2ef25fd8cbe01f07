"""The stream-only token that the exported URLs carry.

One API token of scope ``stream`` (accepted in a URL, and only by the stream route; revocable
like any token) owned by the first active admin. Its id is kept in the app setting
``strm.stream_token_id`` and its secret in ``strm.stream_token``: the secret is written into every
``.strm`` file anyway, and the export must write the same URL on every run (otherwise every run
would rewrite the whole tree). Rotating it revokes the old token, so the next export rewrites
every ``.strm`` file with the new one. No password or general API key ever goes into a file.

Must not: hand out any token but a ``stream`` one.
"""

from __future__ import annotations

import secrets

from ...errors import NotConfigured

TOKEN_ID_KEY = "strm.stream_token_id"
TOKEN_SECRET_KEY = "strm.stream_token"
TOKEN_NAME = "STRM export"
SCOPE = "stream"


def stream_token(state, *, rotate: bool = False) -> str:
    """The live export token's secret, created (or replaced, when revoked or ``rotate``) as needed."""
    token_id = state.get_app_setting(TOKEN_ID_KEY)
    secret = state.get_app_setting(TOKEN_SECRET_KEY)
    live = _live_token(state, token_id)
    if live is not None and secret and not rotate:
        return secret
    if live is not None:
        state.revoke_api_token(live.id)
    return _create(state)


def _live_token(state, token_id):
    if token_id is None:
        return None
    for token in state.list_api_tokens():
        if token.id == token_id and token.revoked_at is None and token.scope == SCOPE:
            return token
    return None


def _create(state) -> str:
    from ..api_tokens import PREFIX
    from ..sessions import hash_secret  # the web layer's token hashing, so the stream route accepts it

    owner = _owner(state)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = state.add_api_token(owner.id, TOKEN_NAME, hash_secret(secret), SCOPE)
    state.set_app_setting(TOKEN_ID_KEY, token.id)
    state.set_app_setting(TOKEN_SECRET_KEY, secret)
    return secret


def _owner(state):
    for user in state.list_users():
        if user.is_admin and not user.disabled:
            return user
    raise NotConfigured("the STRM export needs an admin account to own its stream token; finish setup first")
