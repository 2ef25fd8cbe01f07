"""The password policy: the shipped common-password list (case-insensitive), no username inside,
lengths; argon2id costs pinned in one place and read back out of a stored hash."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, extract_parameters

from media_library.errors import InvalidInput
from media_library.services.auth import ARGON2_PARAMETERS, AccountService, Passwords
from media_library.services.password_policy import common_passwords, validate_password
from tests.conftest import fast_passwords


def test_the_shipped_list_holds_at_least_ten_thousand_common_passwords():
    common = common_passwords()
    assert len(common) >= 10_000
    assert {"password", "123456", "qwerty", "letmein", "iloveyou", "dragon"} <= common


@pytest.mark.parametrize("password", ["password1", "PASSWORD1", "PassWord1", "iloveyou", "Qwertyuiop", "baseball"])
def test_common_passwords_are_refused_whatever_their_case(password):
    with pytest.raises(InvalidInput, match="most common"):
        validate_password(password, "someone")


@pytest.mark.parametrize(("username", "password"), [("alice", "alice-in-the-garden"), ("Alice", "my ALICE secret"),
                                                    ("bob", "xxBoBxx-long-enough")])
def test_passwords_holding_the_username_are_refused(username, password):
    with pytest.raises(InvalidInput, match="username"):
        validate_password(password, username)


def test_lengths():
    with pytest.raises(InvalidInput, match="at least 8"):
        validate_password("a1b2c3", "x")
    with pytest.raises(InvalidInput, match="at most 1024"):
        validate_password("z" * 1025, "x")
    assert validate_password("tulip-meadow-91", "alice") == "tulip-meadow-91"


def test_the_api_refuses_them_with_the_reason(admin_client):
    common = admin_client.post("/api/users", json={"username": "carol", "password": "Sunshine1"})
    assert common.status_code == 400 and "most common" in common.json["message"]
    own_name = admin_client.post("/api/users", json={"username": "carol", "password": "carol-rocks-2024"})
    assert own_name.status_code == 400 and "username" in own_name.json["message"]
    user = admin_client.post("/api/users", json={"username": "carol", "password": "tulip-meadow-91"}).json
    reset = admin_client.patch(f"/api/users/{user['id']}", json={"password": "Carol.Carol.99"})
    assert reset.status_code == 400 and "username" in reset.json["message"]
    own = admin_client.post("/api/auth/password", json={"current_password": "correct horse battery", "new_password": "Password123"})
    assert own.status_code == 400 and "most common" in own.json["message"]


def test_setup_refuses_a_common_password(client):
    answer = client.post("/api/setup", json={"username": "root", "password": "trustno1", "setup_code": "test-setup-code"})
    assert answer.status_code == 400 and "most common" in answer.json["message"]


def _stored_hash(state, username: str) -> str:
    return state.get_user_credentials(username)[1]


def test_stored_hashes_carry_the_pinned_argon2id_parameters(state):
    AccountService(state, Passwords(1)).create_user("dora", "tulip-meadow-91")
    params = extract_parameters(_stored_hash(state, "dora"))
    assert params.type.name == "ID"
    assert (params.time_cost, params.memory_cost, params.parallelism, params.hash_len, params.salt_len) == (
        ARGON2_PARAMETERS["time_cost"], ARGON2_PARAMETERS["memory_cost"], ARGON2_PARAMETERS["parallelism"],
        ARGON2_PARAMETERS["hash_len"], ARGON2_PARAMETERS["salt_len"])
    assert ARGON2_PARAMETERS["memory_cost"] >= 19 * 1024 and ARGON2_PARAMETERS["time_cost"] >= 2  # OWASP's floor


def test_a_hash_with_other_costs_is_renewed_at_login(state):
    AccountService(state, fast_passwords()).create_user("erin", "tulip-meadow-91")
    assert extract_parameters(_stored_hash(state, "erin")).memory_cost == 1024
    AccountService(state, Passwords(1)).authenticate("erin", "tulip-meadow-91")
    renewed = _stored_hash(state, "erin")
    assert extract_parameters(renewed).memory_cost == ARGON2_PARAMETERS["memory_cost"]
    assert PasswordHasher().verify(renewed, "tulip-meadow-91")
