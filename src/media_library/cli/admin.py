"""Admin commands that need no browser: users, jobs and the database."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from ..db.engine import Database, DatabaseOptions
from ..errors import InvalidInput, InvalidPayload, NotFound
from ..models import JOB_STATUSES
from ..models.auth import ROLES
from ..runtime import Runtime
from ..services.activity import PASSWORD_CHANGED, USER_CREATED
from ..services.auth import DEFAULT_ROLE, AccountService
from ..services.backups import DatabaseBackups, backups_for

CLI_ADDRESS = "shell"  # what the activity log shows as the address of a change made with this command


def add_parser(commands) -> None:
    user = commands.add_parser("user", help="manage users").add_subparsers(dest="action", metavar="ACTION")
    user.required = True
    create = user.add_parser("create", help="create a user")
    create.add_argument("username")
    create.add_argument("--role", choices=ROLES, default=DEFAULT_ROLE,
                        help="viewer plays; manager also changes the library; admin everything (default: %(default)s)")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    create.set_defaults(handler=user_create)
    reset = user.add_parser("reset-password", help="set a new password (ends the user's sessions)")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    reset.add_argument("--enable", action="store_true",
                       help="also re-enable a disabled account (off by default: a reset never undoes a deliberate disable)")
    reset.set_defaults(handler=user_reset)
    user.add_parser("list", help="list users").set_defaults(handler=user_list)

    jobs = commands.add_parser("jobs", help="list, retry and cancel jobs").add_subparsers(dest="action", metavar="ACTION")
    jobs.required = True
    listing = jobs.add_parser("list", help="list recent jobs")
    listing.add_argument("--status", choices=JOB_STATUSES, help="only jobs in this status")
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(handler=jobs_list)
    for action in ("retry", "cancel"):
        sub = jobs.add_parser(action, help=f"{action} a job")
        sub.add_argument("job_id", type=int)
        sub.set_defaults(handler=jobs_action, action=action)
    add = jobs.add_parser("add", help="queue a job")
    add.add_argument("kind")
    add.add_argument("--payload", default="{}", help="JSON payload (see models/job_payloads.py); a bad one exits 2")
    add.set_defaults(handler=jobs_add)

    db = commands.add_parser("db", help="database maintenance").add_subparsers(dest="action", metavar="ACTION")
    db.required = True
    db.add_parser("migrate", help="apply migrations (after a backup)").set_defaults(handler=db_migrate)
    db.add_parser("backup", help="make a verified online backup now (the server may keep running)").set_defaults(
        handler=db_backup)
    db.add_parser("backups", help="list the kept backups, newest first").set_defaults(handler=db_backups)
    restore = db.add_parser("restore", help="replace the database with a backup (stop the server first)")
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", help="the backup file to restore")
    which.add_argument("--latest", action="store_true", help="restore the newest kept backup")
    restore.set_defaults(handler=db_restore)


def _runtime(args) -> Runtime:
    from .main import settings_from_args

    return Runtime.build(settings_from_args(args), "worker")


def _password(args) -> str:
    if args.password_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise InvalidInput("the passwords differ")
    return first


def _accounts(runtime: Runtime) -> AccountService:
    return runtime.services.accounts


def user_create(args) -> int:
    runtime = _runtime(args)
    try:
        user = _accounts(runtime).create_user(args.username, _password(args), args.role) if runtime.state.count_users() \
            else _accounts(runtime).create_first_admin(args.username, _password(args))
        runtime.services.activity.record(USER_CREATED, None, CLI_ADDRESS, f"user {user.username} ({user.role}), from the shell")
        print(json.dumps(user.to_public()))
    finally:
        runtime.stop()
    return 0


def user_reset(args) -> int:
    runtime = _runtime(args)
    try:
        accounts = _accounts(runtime)
        user = accounts.find_user(args.username)
        if user is None:
            raise NotFound(f"no user named {args.username!r}")
        user = accounts.set_password(user.id, _password(args), enable=args.enable)
        runtime.services.activity.record(PASSWORD_CHANGED, None, CLI_ADDRESS,
                                         f"user {user.username} was given a new password from the shell")
        print(f"password of {user.username} changed; their sessions ended")
        print(_account_state(user, args.enable))
    finally:
        runtime.stop()
    return 0


def _account_state(user, enabled: bool) -> str:
    if user.disabled:
        return f"{user.username} is still disabled and cannot log in; add --enable to let them in again"
    return f"{user.username} is enabled and can log in" if enabled else f"{user.username} can log in"


def user_list(args) -> int:
    runtime = _runtime(args)
    try:
        users = runtime.state.list_users()
        for user in users:
            print(json.dumps(user.to_public()))
        if not users:
            print(f"no users yet in the data folder {runtime.settings.data_dir}; create the first admin with "
                  "`media-library user create NAME` or the app's setup page (is --data-dir right?)", file=sys.stderr)
    finally:
        runtime.stop()
    return 0


def jobs_list(args) -> int:
    runtime = _runtime(args)
    try:
        for job in runtime.state.list_jobs(status=args.status, limit=args.limit):
            print(json.dumps(job.to_public()))
    finally:
        runtime.stop()
    return 0


def jobs_action(args) -> int:
    runtime = _runtime(args)
    try:
        job = runtime.jobs.retry(args.job_id) if args.action == "retry" else runtime.jobs.cancel(args.job_id)
        print(json.dumps(job.to_public()))
    finally:
        runtime.stop()
    return 0


def jobs_add(args) -> int:
    """Queue a job; a payload that is not JSON or does not fit the kind exits 2 (bad usage), naming the field."""
    runtime = _runtime(args)
    try:
        job, _ = runtime.jobs.enqueue(args.kind, _json_payload(args.payload))
        print(json.dumps(job.to_public()))
    except InvalidPayload as exc:
        print(f"media-library: {exc.message}", file=sys.stderr)
        return 2
    finally:
        runtime.stop()
    return 0


def _json_payload(text: str):
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InvalidPayload(f"--payload is not JSON: {exc}") from exc


def db_migrate(args) -> int:
    runtime = _runtime(args)  # building the runtime migrates (after a backup)
    runtime.stop()
    print("database is up to date")
    return 0


def db_backup(args) -> int:
    runtime = _runtime(args)
    try:
        backups = backups_for(runtime.settings, runtime.db)
        path = backups.create()
        print(f"backed up the database to {path} (checked; {len(backups.list())} kept, "
              f"database.backups_kept is {backups.keep})")
    finally:
        runtime.stop()
    return 0


def _offline_backups(args) -> DatabaseBackups:
    """The backups of the configured database, without opening it (no runtime, no migration)."""
    from .main import settings_from_args

    settings = settings_from_args(args)
    return backups_for(settings, Database(DatabaseOptions(path=settings.db_path)))


def db_backups(args) -> int:
    backups = _offline_backups(args)
    found = backups.list()
    for path in found:
        print(path)
    if not found:
        print(f"no backups yet in {backups.folder}; make one with `media-library db backup`", file=sys.stderr)
    return 0


def db_restore(args) -> int:
    backups = _offline_backups(args)
    try:
        copy = _chosen_backup(args, backups)
        aside = backups.restore(copy)
    finally:
        backups.db.close()
    print(f"restored the database from {copy}; the one it replaced is kept as {aside}. "
          "Start the server again (it migrates the copy if it is older).")
    return 0


def _chosen_backup(args, backups: DatabaseBackups) -> Path:
    if not args.latest:
        return Path(args.file).expanduser().resolve()
    found = backups.list()
    if not found:
        raise NotFound(f"no backups in {backups.folder}; name a file to restore")
    return found[0]
