"""Service keys in Settings: the TMDb and AcoustID keys as write-only secrets, with a Test.

Thin handlers over ``services.service_keys``. No answer ever holds a key: only whether one is
set and where it comes from (``origin``: ``app`` or ``config``). Admin only, like the server's settings;
a change is in the activity log by the setting's name only.
"""

from __future__ import annotations

from flask import jsonify

from ...services.activity import SETTINGS_CHANGED, settings_changed
from ..audit import audit
from ..auth import services
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, shape
from ..security import read_json

bp = ApiBlueprint("service_keys", __name__, url_prefix="/api/settings/services")
SERVICE_KEY = shape(service=str, label=str, setting=str, what=str, set=bool, origin=str | None,
                    base_url=str)
TEST_RESULT = shape(service=str, ok=bool, message=str)


@bp.endpoint_spec("", "GET", "The external services' keys: set or not, and from where (never the key): origin app or config", auth="admin",
                  response=items_of(SERVICE_KEY))
def list_keys():
    return jsonify({"items": services().service_keys.public()})


@bp.endpoint_spec("/<service>/key", "PUT", "Replace a service's key (write-only: the answer says only that it is set)",
                  auth="admin", request=obj(("key",), key="string"), response=SERVICE_KEY)
def replace_key(service: str):
    body = read_json(required=("key",))
    entry = services().service_keys.replace(service, body["key"])
    audit(SETTINGS_CHANGED, settings_changed([entry["setting"]]))  # the name only, never the key
    return jsonify(entry)


@bp.endpoint_spec("/<service>/key", "DELETE", "Forget the key set in the app (the configured one, if any, is used again)",
                  auth="admin", response=SERVICE_KEY)
def clear_key(service: str):
    entry = services().service_keys.clear(service)
    audit(SETTINGS_CHANGED, settings_changed([entry["setting"]]))
    return jsonify(entry)


@bp.endpoint_spec("/<service>/test", "POST", "Call the service with the key in use and say what it found",
                  auth="admin", response=TEST_RESULT)
def test_key(service: str):
    return jsonify(services().service_keys.test(service))
