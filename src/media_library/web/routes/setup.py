"""First run: ``GET /api/setup`` says whether setup is needed; ``POST /api/setup`` creates the
first admin once, given the one-time setup code, and logs them in."""

from __future__ import annotations

import hmac

from flask import jsonify

from ...errors import Conflict, Forbidden
from ...services import activity as act
from ..audit import audit
from ..auth import caller_address, ctx, needs_setup, services
from ..openapi import ApiBlueprint, obj
from ..schemas import ref, shape
from ..security import read_json
from .auth import start_session

bp = ApiBlueprint("setup", __name__, url_prefix="/api")


@bp.endpoint_spec("/setup", "GET", "Whether the first admin still has to be created", auth="public",
                  before_setup=True, response=shape(needs_setup=bool))
def setup_status():
    return jsonify({"needs_setup": needs_setup()})


@bp.endpoint_spec("/setup", "POST", "Create the first admin (needs the setup code) and log in", auth="public",
                  before_setup=True, status=201,
                  request=obj(("username", "password", "setup_code"), username="string", password="string",
                              setup_code="string"),
                  response=ref("Session"))
def setup():
    body = read_json(required=("username", "password", "setup_code"))
    c, s, address = ctx(), services(), caller_address()
    s.login_throttle.attempt(f"setup@{address}", address)  # per address: strangers cannot lock setup
    if not needs_setup():
        raise Conflict("setup is already done; log in instead")
    if not hmac.compare_digest(str(body["setup_code"]).strip().encode(), c.setup_code.encode()):
        raise Forbidden("wrong setup code; it is printed in the server log at start-up ('Setup code: …')")
    user = s.accounts.create_first_admin(str(body["username"]), str(body["password"]))
    c.setup_done = True
    audit(act.SETUP, "first admin created", user)
    s.login_throttle.succeeded(f"setup@{address}", address)
    return start_session(user, 201)
