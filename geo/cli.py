"""The command line, ``python -m geo COMMAND …``; commands, options and exit codes are the data contract's.

Each command is a pair of functions, one adding its arguments and one running it and returning the exit code,
listed once in COMMANDS. To add a command, write those two functions and add a line there.

The command line starts at once: this module imports no heavy library, only the chosen command's arguments are
added, and a command imports what it needs when it runs. Help and messages are in the user's language: ``--lang``,
else ORMAN_LANG, else the system locale (LC_ALL, LC_MESSAGES, LANG), else English.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import logging
import os
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from geo.i18n import LANGS, fmt_int, message, pick_lang, t

if TYPE_CHECKING:
    from geo.auth import User
    from geo.report import Report

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2  # also argparse's exit code for a usage error
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LANG_ENV = "ORMAN_LANG"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")  # the order in which POSIX looks for the messages' locale
MAX_ID = 2**31 - 1  # batch ids are the store's INTEGER: a larger one names no batch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Command:
    help: str  # a key of geo/i18n/ui.py (plain text shows as it is)
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# --- the parser, in the user's language ------------------------------------------------------------------------


def cli_lang(argv: Sequence[str]) -> str:
    """The language of help and messages: ``--lang`` (before or after the command; the last one given, as argparse
    reads it), else ORMAN_LANG, else the system locale, else English."""
    given = [
        arg.partition("=")[2] if arg.startswith("--lang=") else argv[i + 1] if i + 1 < len(argv) else None
        for i, arg in enumerate(argv)
        if arg == "--lang" or arg.startswith("--lang=")
    ]
    named = [value for value in given if value in LANGS]
    if named:
        return named[-1]
    chosen = os.environ.get(LANG_ENV) or next((os.environ[v] for v in LOCALE_ENV if os.environ.get(v)), None)
    return pick_lang(chosen, default="en")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with the usage line's prefix in the parser's language."""

    def __init__(self, prog: str, usage_prefix: str = "usage: ") -> None:
        super().__init__(prog, max_help_position=32)
        self.usage_prefix = usage_prefix

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """argparse's wrapping, except that an option the text names (``--sign-off``) is never cut at a hyphen."""
        return textwrap.wrap(self._whitespace_matcher.sub(" ", text).strip(), width, break_on_hyphens=False)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks ``lang``: its help, headings and usage errors (argparse's own wording of an
    error, such as a missing argument, stays in English)."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._positionals.title = t("cli_positionals", lang)
        self._optionals.title = t("cli_options", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli_opt_help", lang))

    def _get_formatter(self) -> argparse.HelpFormatter:
        return HelpFormatter(self.prog, usage_prefix=t("cli_usage", self.lang) + " ")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, t("cli_usage_error", self.lang, prog=self.prog, message=message) + "\n")


def lang_of(parser: argparse.ArgumentParser) -> str:
    return getattr(parser, "lang", "en")


def say(parser: argparse.ArgumentParser, key: str, **params: Any) -> str:
    """The help text ``key`` in the parser's language."""
    return t(key, lang_of(parser), **params)


def one_of(module: str, name: str) -> Callable[[str], str]:
    """An argument type accepting the values of ``module.name``, imported only when the option is given (so that
    help, which names them in its text, does not load the module)."""

    def check(value: str) -> str:
        allowed = getattr(importlib.import_module(module), name)
        if value not in allowed:
            raise argparse.ArgumentTypeError(f"{value!r} not in {', '.join(allowed)}")
        return value

    check.__name__ = name.lower().rstrip("s")
    return check


def positive_int(text: str) -> int:
    """A whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number of 1 or more") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: expected a whole number of 1 or more")
    return value


# --- options shared by several commands ----------------------------------------------------------------------


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default=lang_of(parser), help=say(parser, "cli_opt_lang"))


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=say(parser, "cli_opt_json"))


def formats_help(lang: str) -> str:
    """The accepted formats, one line each, from the FORMATS table."""
    from geo.formats import FORMATS

    return t("cli_formats", lang) + "\n" + "\n".join(f"  {message(fmt.label, lang)}" for fmt in FORMATS)


def add_file_options(parser: argparse.ArgumentParser) -> None:
    """FILE, --kind, --sheet and --layer: what to read and how; the accepted formats below the options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = formats_help(lang_of(parser))
    parser.add_argument("file", metavar="FILE", help=say(parser, "cli_opt_file"))
    parser.add_argument(
        "--kind", type=one_of("geo.validate", "KINDS"), metavar="KIND", help=say(parser, "cli_opt_kind")
    )
    parser.add_argument("--sheet", help=say(parser, "cli_opt_sheet"))
    parser.add_argument("--layer", help=say(parser, "cli_opt_layer"))


def writable(path: Path, lang: str) -> bool:
    """Whether ``path`` can be written as a file: its folder exists and it is not a folder; if not, say why."""
    if path.is_dir():
        print(t("cli_out_is_folder", lang, file=str(path)), file=sys.stderr)
        return False
    if not path.parent.is_dir():
        print(t("cli_out_no_folder", lang, file=str(path), folder=str(path.parent)), file=sys.stderr)
        return False
    return True


def write_failed(path: Path, lang: str, error: OSError) -> int:
    """Say in one sentence that ``path`` could not be written (no permission, no space, ...): exit 2."""
    log.debug("could not write %s", path, exc_info=error)
    print(t("cli_out_unwritable", lang, file=str(path), reason=error.strerror or type(error).__name__), file=sys.stderr)
    return EXIT_UNREADABLE


def acting_user(args: argparse.Namespace) -> User:
    """The server's operator, recorded as ``--user`` where the command takes it, else as the login name."""
    from geo.auth import operator

    return operator(getattr(args, "user", None) or login_name())


def acting_account(args: argparse.Namespace, engine: Any) -> User | None:
    """Who a store command acts as: with ``--user``, the active account of that name, whose role the action then
    checks (any other text would let the audit trail name whoever one likes); without it, the server's operator
    (:func:`acting_user`). None after saying on stderr that there is no such active account."""
    from geo import auth

    name = getattr(args, "user", None)
    if name is None:
        return acting_user(args)
    try:
        return auth.active_user(engine, name)
    except auth.UserError as error:
        print(error.message(args.lang), file=sys.stderr)
        return None


@contextmanager
def permitted(args: argparse.Namespace) -> Iterator[list[int]]:
    """Run an action; if the acting user may not do it, say why on stderr and hold EXIT_ERRORS in the list."""
    from geo.auth import PermissionDenied

    refused: list[int] = []
    try:
        yield refused
    except PermissionDenied as denied:
        print(denied.message(args.lang), file=sys.stderr)
        refused.append(EXIT_ERRORS)


def user_refused(args: argparse.Namespace) -> bool:
    """Say so, and return True, when ``--user`` names no one the store could record: longer than a name it keeps
    (TEXT_LIMITS), or holding a character no store keeps (bytes not in the terminal's encoding arrive as lone
    surrogates). Such a name can be no account (exit 1, as for any name that is not one)."""
    from geo.columns import TEXT_LIMITS
    from geo.report import UNSTORABLE

    name, limit = getattr(args, "user", None), TEXT_LIMITS["user"]
    if name is None:
        return False
    if len(name) > limit:
        print(message("user_too_long", args.lang, length=len(name), limit=limit), file=sys.stderr)
        return True
    if UNSTORABLE.search(name):
        print(message("user_bad_character", args.lang), file=sys.stderr)
        return True
    return False


def login_name() -> str:
    """Who runs the command; ``operator`` where the system knows no name for the process's uid (a container)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "operator"


def input_path(args: argparse.Namespace) -> Path | None:
    """args.file as a path whose bytes the store reads where it parses them (a national file is then not held while
    it is checked and written), or None after saying in one sentence why it cannot be opened."""
    path = Path(args.file)
    try:
        with path.open("rb"):
            return path
    except OSError:
        print(message("no_file", args.lang, file=args.file), file=sys.stderr)
        return None


def show_report(report: Report, args: argparse.Namespace, **extra: Any) -> int:
    """Print a report as JSON (--json) or as a summary line and one line per problem; return the exit code."""
    name = Path(args.file).name
    if args.json:
        print(json.dumps(report.to_json(args.lang, **extra), ensure_ascii=False))
    elif report.unreadable is not None:
        print(f"{name}: {report.unreadable.text(args.lang)}", file=sys.stderr)
    else:
        print("\n".join(report_lines(report, name, args.lang)))
    if report.unreadable is not None:
        return EXIT_UNREADABLE
    return EXIT_OK if report.ok else EXIT_ERRORS


def report_lines(report: Report, name: str, lang: str) -> list[str]:
    """A summary line, then each error and warning with its message in ``lang``."""
    verdict = "check_ok" if report.ok else "check_failed"
    rows = "count_rows"
    if report.kind == "plots":
        verdict += "_plots"
        rows = "count_plots"
    lines = [
        message(
            verdict,
            lang,
            file=name,
            rows=t(rows, lang, count=report.rows),
            errors=t("count_errors", lang, count=len(report.errors)),
            warnings=t("count_warnings", lang, count=len(report.warnings)),
        )
    ]
    for label, problems in (("label_error", report.errors), ("label_warning", report.warnings)):
        prefix = message(label, lang)
        lines += [f"  {prefix}: {report.describe(problem, lang)['message']}" for problem in problems]
    return lines


# --- commands ------------------------------------------------------------------------------------------------


def check_arguments(parser: argparse.ArgumentParser) -> None:
    add_file_options(parser)
    add_json_option(parser)
    add_lang_option(parser)


def run_check(args: argparse.Namespace) -> int:
    """Validate a file against the store and write nothing: the report ``import`` would give (plots unknown to the
    store, overlaps with stored plots, and in --json the counts of new, updated and unchanged records).

    With no store yet (the embedded file not created, or a database without Orman's schema), the file alone is
    validated; a configured store that cannot be read is said on stderr before the file alone is validated.
    Exit 0 valid (warnings allowed), 1 errors, 2 unreadable."""
    from geo import db, store
    from geo.validate import validate_file

    data = input_path(args)
    if data is None:
        return EXIT_UNREADABLE
    name = Path(args.file).name
    engine, reachable = db.open_existing()
    if engine is not None:
        try:
            result = store.check(engine, data, name, kind=args.kind, sheet=args.sheet, layer=args.layer)
        except sa_errors() as error:
            logging.getLogger(__name__).warning("check without the store: %s", error)
            reachable = False
        else:
            counts = {"new": result.new, "updated": result.updated, "unchanged": result.unchanged}
            return show_report(result.report, args, **counts)
        finally:
            engine.dispose()
    if not reachable:
        print(message("check_without_store", args.lang), file=sys.stderr)
    validated = validate_file(data, name, kind=args.kind, sheet=args.sheet, layer=args.layer)
    return show_report(validated.report, args)


def sa_errors() -> tuple[type[Exception], ...]:
    """What a store that cannot be read (or written in a rolled-back trial) raises."""
    import sqlalchemy as sa

    return (sa.exc.OperationalError, sa.exc.ProgrammingError, sa.exc.InternalError)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """W,S,E,N in degrees (lon/lat), west < east and south < north."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected W,S,E,N, e.g. 80.05,50.30,80.45,50.52") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise argparse.ArgumentTypeError("expected west < east and south < north, in degrees")
    return west, south, east, north


def map_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.html", help=say(parser, "cli_opt_out_map"))
    parser.add_argument("--bbox", type=parse_bbox, metavar="W,S,E,N", help=say(parser, "cli_opt_bbox"))
    parser.add_argument("--zoom", type=int, choices=range(3, 19), metavar="Z", help=say(parser, "cli_opt_zoom"))
    parser.add_argument(
        "--colour-by", choices=("survival", "species"), default="survival", help=say(parser, "cli_opt_colour_by")
    )
    add_lang_option(parser)


def run_map(args: argparse.Namespace) -> int:
    """Write the app's map of the store as one HTML file that opens offline."""
    from geo import db, mapview  # the map's libraries load only for this command
    from geo.viewport import StoreSource

    if not writable(args.out, args.lang):
        return EXIT_UNREADABLE
    html = mapview.standalone_map(StoreSource(db.get_engine()), args.bbox, args.zoom, args.lang, args.colour_by)
    try:
        args.out.write_text(html, encoding="utf-8")
    except OSError as error:
        return write_failed(args.out, args.lang, error)
    return EXIT_OK


def user_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(
        dest="user_command", required=True, metavar="ACTION", title=say(parser, "cli_actions")
    )

    def action(name: str, key: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, help=say(parser, key), description=say(parser, key), lang=lang_of(parser))

    add = action("add", "cli_user_add")
    add.add_argument("name", metavar="NAME", help=say(parser, "cli_opt_name"))
    add.add_argument(
        "--role",
        required=True,
        type=one_of("geo.auth", "ASSIGNABLE_ROLES"),
        metavar="ROLE",
        help=say(parser, "cli_opt_role"),
    )
    add.add_argument("--email", help=say(parser, "cli_opt_email"))
    add_json_option(action("list", "cli_user_list"))
    action("disable", "cli_user_disable").add_argument("name", metavar="NAME", help=say(parser, "cli_opt_name"))
    action("passwd", "cli_user_passwd").add_argument("name", metavar="NAME", help=say(parser, "cli_opt_name"))
    for sub in actions.choices.values():
        add_lang_option(sub)


def read_new_password(name: str, lang: str) -> str | None:
    """A new password: typed twice at a terminal, else the first line of stdin; None if the two differ.
    Never an argument, so it stays out of the shell history and the process list."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("auth_prompt_password", lang, name=name))
    if getpass.getpass(t("auth_prompt_repeat", lang)) != first:
        print(t("auth_password_mismatch", lang), file=sys.stderr)
        return None
    return first


def show_users(users: list[Any], args: argparse.Namespace) -> int:
    """Accounts as a JSON list (--json) or one tab-separated line each: name, role, e-mail, status, last sign-in."""
    if args.json:
        print(json.dumps([user.to_json() for user in users], ensure_ascii=False))
        return EXIT_OK
    if not users:
        print(t("auth_no_users", args.lang))
    for user in users:
        status = t("auth_status_disabled" if user.disabled else "auth_status_active", args.lang)
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "—"
        print(f"{user.name}\t{user.role}\t{user.email or '—'}\t{status}\t{last}")
    return EXIT_OK


def run_user(args: argparse.Namespace) -> int:
    """Manage accounts: 0 done, 1 refused (name taken, unknown user, weak password, passwords differ)."""
    from geo import actions, auth, db

    engine, lang, operator = db.get_engine(), args.lang, acting_user(args)
    try:
        if args.user_command == "list":
            return show_users(auth.list_users(engine), args)
        if args.user_command == "disable":
            actions.disable_user_as(engine, operator, args.name)
            print(t("auth_user_disabled", lang, name=auth.canonical_name(args.name)))
            return EXIT_OK
        password = read_new_password(auth.canonical_name(args.name), lang)
        if password is None:
            return EXIT_ERRORS
        if args.user_command == "add":
            user = actions.add_user_as(engine, operator, args.name, args.role, password, email=args.email)
            print(t("auth_user_added", lang, name=user.name, role=auth.role_label(user.role, lang)))
        else:
            actions.set_password_as(engine, operator, args.name, password)
            print(t("auth_password_changed", lang, name=auth.canonical_name(args.name)))
        return EXIT_OK
    except auth.UserError as error:
        print(error.message(lang), file=sys.stderr)
        return EXIT_ERRORS


# --- the store: import, history, rollback, summary, export, demo ---------------------------------------------------


def import_arguments(parser: argparse.ArgumentParser) -> None:
    add_file_options(parser)
    parser.add_argument("--user", default=None, metavar="NAME", help=say(parser, "cli_opt_user_import"))
    parser.add_argument("--skip-invalid", action="store_true", help=say(parser, "cli_opt_skip_invalid"))
    add_json_option(parser)
    add_lang_option(parser)


def run_import(args: argparse.Namespace) -> int:
    """Validate and commit one batch: 0 committed or already there, 1 rejected."""
    from geo import actions, db

    if user_refused(args):
        return EXIT_ERRORS
    data = input_path(args)
    if data is None:
        return EXIT_UNREADABLE
    engine = db.get_engine()
    who = acting_account(args, engine)
    if who is None:
        return EXIT_ERRORS
    with permitted(args) as refused:
        result = actions.import_as(
            engine,
            who,
            data,
            Path(args.file).name,
            kind=args.kind,
            skip_invalid=args.skip_invalid,
            sheet=args.sheet,
            layer=args.layer,
        )
    if refused:
        return EXIT_ERRORS
    if args.json:
        print(json.dumps(result.to_json(args.lang), ensure_ascii=False))
    else:
        if result.report.unreadable is not None:
            print(f"{Path(args.file).name}: {result.report.unreadable.text(args.lang)}", file=sys.stderr)
        else:
            print("\n".join(report_lines(result.report, Path(args.file).name, args.lang)))
        if result.already:
            print(t("already_batch", args.lang, batch=result.batch, when=_batch_time(engine, result.batch)))
        elif result.submitted:
            print(t("import_submitted", args.lang, batch=result.batch))
        elif result.committed:
            print(
                t(
                    "import_done",
                    args.lang,
                    batch=result.batch,
                    new=fmt_int(result.new, args.lang),
                    updated=fmt_int(result.updated, args.lang),
                    unchanged=fmt_int(result.unchanged, args.lang),
                )
            )
        else:
            print(t("import_rejected", args.lang), file=sys.stderr)
    return EXIT_OK if result.already or result.committed else EXIT_ERRORS


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _batch_time(engine: Any, batch_id: int | None) -> str:
    """When batch ``batch_id`` was committed, or "—" for none."""
    from geo import store

    batch = store.get_batch(engine, batch_id) if batch_id is not None else None
    return _when(batch.created_at) if batch is not None else "—"


def json_and_lang_arguments(parser: argparse.ArgumentParser) -> None:
    """--json and --lang: all that history and summary take."""
    add_json_option(parser)
    add_lang_option(parser)


def run_history(args: argparse.Namespace) -> int:
    """List the batches, newest first, rolled-back ones marked."""
    from geo import db, store

    batches = store.history(db.get_engine())
    if args.json:
        print(json.dumps([batch.to_json() for batch in batches], ensure_ascii=False))
        return EXIT_OK
    if not batches:
        print(t("history_empty", args.lang))
    lang = args.lang
    for b in batches:
        line = f"{t('batch_label', lang, batch=b.id, file=b.filename, when=_when(b.created_at))} · {b.user or '—'}"
        counts = b.counts_text(lang)
        if b.rolled_back_at is not None:
            counts += " " + t("history_rolled_back", lang, when=_when(b.rolled_back_at), user=b.rolled_back_by or "—")
        elif b.status != "approved":
            counts += " " + batch_status_text(b, lang)
        print(f"{line}\n  {counts}")
    return EXIT_OK


def rollback_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("batch_id", type=int, metavar="BATCH_ID", help=say(parser, "cli_opt_batch_id"))
    parser.add_argument("--user", default=None, metavar="NAME", help=say(parser, "cli_opt_user_rollback"))
    add_lang_option(parser)


def batch_command(args: argparse.Namespace) -> tuple[Any, User] | None:
    """The store and the acting account of a command on batch ``args.batch_id`` (rollback, approve, reject); None
    after saying on stderr why not: an id that names no batch (more than the store's id column holds), a --user
    the store could not record, or no such active account."""
    from geo import db

    if not 0 < args.batch_id <= MAX_ID:
        print(message("unknown_batch", args.lang, batch=args.batch_id), file=sys.stderr)
        return None
    if user_refused(args):
        return None
    engine = db.get_engine()
    who = acting_account(args, engine)
    return None if who is None else (engine, who)


def run_rollback(args: argparse.Namespace) -> int:
    """Undo one batch: 0 done, 1 unknown batch or refused (the reason is printed)."""
    from geo import actions

    acting = batch_command(args)
    if acting is None:
        return EXIT_ERRORS
    engine, who = acting
    with permitted(args) as refused:
        result = actions.rollback_as(engine, who, args.batch_id)
    if refused:
        return EXIT_ERRORS
    print(result.explain(args.lang), file=sys.stdout if result.ok else sys.stderr)
    return EXIT_OK if result.ok else EXIT_ERRORS


def batch_status_text(batch: Any, lang: str) -> str:
    """A submitted or rejected batch's status as history says it: waiting, or rejected by whom, when and why."""
    if batch.status == "rejected":
        when = _when(batch.decided_at) if batch.decided_at else "—"
        return t("history_rejected", lang, user=batch.decided_by or "—", when=when, reason=batch.reason or "—")
    return t(f"batch_status_{batch.status}", lang)


def decision_arguments(parser: argparse.ArgumentParser, reason: bool = False) -> None:
    parser.add_argument("batch_id", type=int, metavar="BATCH", help=say(parser, "cli_opt_batch_id"))
    parser.add_argument("--user", default=None, metavar="NAME", help=say(parser, "cli_opt_user_decide"))
    if reason:
        parser.add_argument("--reason", required=True, metavar="TEXT", help=say(parser, "cli_opt_reason"))
    add_lang_option(parser)


def run_decision(args: argparse.Namespace) -> int:
    """Approve or reject a submitted batch: 0 done; 1 unknown id, not submitted, or not allowed (said why)."""
    from geo import actions

    acting = batch_command(args)
    if acting is None:
        return EXIT_ERRORS
    engine, who = acting
    with permitted(args) as refused:
        if args.command == "approve":
            decision = actions.approve_as(engine, who, args.batch_id)
        else:
            decision = actions.reject_as(engine, who, args.batch_id, args.reason)
    if refused:
        return EXIT_ERRORS
    if decision.result is not None and not decision.ok:  # the upload no longer passes: what its report says now
        print("\n".join(report_lines(decision.result.report, decision.result.report.kind, args.lang)), file=sys.stderr)
    print(decision.explain(args.lang), file=sys.stdout if decision.ok else sys.stderr)
    return EXIT_OK if decision.ok else EXIT_ERRORS


def settings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sign-off", choices=("on", "off"), dest="sign_off", help=say(parser, "cli_opt_sign_off"))
    parser.add_argument("--user", default=None, metavar="NAME", help=say(parser, "cli_opt_user_settings"))
    add_json_option(parser)
    add_lang_option(parser)


def run_settings(args: argparse.Namespace) -> int:
    """Show the store's settings, or change one (administrators): 0; 1 not allowed."""
    from geo import actions, db, settings

    if user_refused(args):
        return EXIT_ERRORS
    engine = db.get_engine()
    values = settings.read(engine)
    if args.sign_off is not None:
        who = acting_account(args, engine)
        if who is None:
            return EXIT_ERRORS
        with permitted(args) as refused:
            values = actions.change_setting_as(engine, who, settings.SIGN_OFF, args.sign_off)
        if refused:
            return EXIT_ERRORS
    if args.json:
        print(json.dumps(values, ensure_ascii=False))
    else:
        print("\n".join(f"{name}: {value}" for name, value in values.items()))
    return EXIT_OK


def run_summary(args: argparse.Namespace) -> int:
    """The figures: the contract's JSON, or the main ones as text."""
    from geo import db, progress
    from geo.i18n import fmt_num, fmt_pct

    figures = progress.summary(db.get_engine(), inventories=True)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return EXIT_OK
    lang = args.lang
    lines = [
        f"{t('kpi_planted', lang)}: {fmt_int(figures['planted'], lang)}",
        f"{t('cli_gap_filled', lang)}: {fmt_int(figures['gap_filled'], lang)}",
        f"{t('cli_sown', lang)}: {fmt_num(figures['sown_ha'], lang)}",
        f"{t('kpi_target', lang)}: {fmt_pct(figures['planted'] / figures['target'], lang, 2)}",
        f"{t('kpi_plots', lang)}: {fmt_int(figures['plots'], lang)}",
        f"{t('kpi_area', lang)}: {fmt_num(figures['area_ha'], lang)}",
    ]
    if figures["survival"] is not None:
        rate = fmt_pct(figures["survival"], lang)
        adjusted = fmt_int(figures["survival_adjusted"], lang)
        lines.append(f"{t('kpi_surviving', lang)}: {adjusted} ({t('kpi_survival_rate', lang, rate=rate)})")
    if figures["written_off"]:
        lines.append(f"{t('kpi_written_off', lang)}: {fmt_int(figures['written_off'], lang)}")
    lines.extend(estimate_lines(figures, lang))
    print("\n".join(lines))
    return EXIT_OK


def estimate_lines(figures: dict[str, Any], lang: str) -> list[str]:
    """The estimate of surviving trees with its interval, in all and per region, or why there is none."""
    from geo.i18n import t
    from geo.regions import region_name
    from geo.surveys import explain

    lines = [explain(figures, lang)]
    for region, entry in figures["by_region"].items():
        if entry["estimate"] is not None:
            lines.append(t("estimate_region", lang, region=region_name(region, lang), line=explain(entry, lang)))
    return lines


def sample_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=positive_int, required=True, metavar="N", help=say(parser, "cli_opt_sample_n"))
    parser.add_argument("--region", metavar="CODE", help=say(parser, "cli_opt_sample_region"))
    parser.add_argument("--seed", type=int, default=0, metavar="S", help=say(parser, "cli_opt_sample_seed"))
    parser.add_argument("--out", type=Path, metavar="PATH", help=say(parser, "cli_opt_sample_out"))
    add_lang_option(parser)


def run_sample(args: argparse.Namespace) -> int:
    """Draw the plantings to survey this season at random and write them as the survey sheet to fill in."""
    import tempfile

    from geo import db, surveys
    from geo.i18n import t
    from geo.regions import normalise_region

    region = normalise_region(args.region) if args.region else None
    if args.region and region is None:
        print(t("sample_unknown_region", args.lang, value=args.region), file=sys.stderr)
        return EXIT_UNREADABLE
    drawn = surveys.sample(db.get_engine(), args.n, seed=args.seed, region=region)
    if args.out is None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sample.csv"
            surveys.write_template(drawn, args.lang, path)
            sys.stdout.write(path.read_text(encoding="utf-8-sig"))
        return EXIT_OK
    count = surveys.write_template(drawn, args.lang, args.out)
    print(t("sample_done", args.lang, count=fmt_int(count, args.lang), file=str(args.out)))
    return EXIT_OK


def export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        required=True,
        type=one_of("geo.export", "FORMATS"),
        metavar="FORMAT",
        help=say(parser, "cli_opt_format"),
    )
    parser.add_argument("--out", required=True, type=Path, metavar="PATH", help=say(parser, "cli_opt_out_export"))
    add_lang_option(parser)


def run_export(args: argparse.Namespace) -> int:
    """Write the current plots with their figures."""
    from geo import audit, db, export

    if not writable(args.out, args.lang):
        return EXIT_UNREADABLE
    engine = db.get_engine()
    try:
        count = export.export(engine, args.format, args.out)
    except OSError as error:
        return write_failed(args.out, args.lang, error)
    audit.record(engine, acting_user(args).name, "export", args.out.name, {"format": args.format, "plots": count})
    print(t("export_done", args.lang, plots=t("count_plots", args.lang, count=count), file=str(args.out)))
    return EXIT_OK


def template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        required=True,
        type=one_of("geo.templates", "TEMPLATE_KINDS"),
        metavar="KIND",
        help=say(parser, "cli_opt_template_kind"),
    )
    parser.add_argument("--lang", required=True, choices=LANGS, help=say(parser, "cli_opt_template_lang"))
    parser.add_argument(
        "--format",
        required=True,
        type=one_of("geo.templates", "FORMATS"),
        metavar="FORMAT",
        help=say(parser, "cli_opt_template_format"),
    )
    parser.add_argument("--out", required=True, type=Path, metavar="PATH", help=say(parser, "cli_opt_out_export"))


def run_template(args: argparse.Namespace) -> int:
    """Write an empty upload file of one kind with the headers in one language."""
    from geo import templates

    if not writable(args.out, args.lang):
        return EXIT_UNREADABLE
    try:
        args.out.write_bytes(templates.template(args.kind, args.lang, args.format))
    except OSError as error:
        return write_failed(args.out, args.lang, error)
    return EXIT_OK


def demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plots", type=positive_int, metavar="N", help=say(parser, "cli_opt_plots"))
    parser.add_argument("--seed", type=int, metavar="S", help=say(parser, "cli_opt_seed"))
    parser.add_argument("--if-empty", action="store_true", help=say(parser, "cli_opt_if_empty"))
    parser.add_argument("--surveys", action="store_true", help=say(parser, "cli_opt_surveys"))
    parser.add_argument("--sign-off", action="store_true", dest="sign_off", help=say(parser, "cli_opt_demo_sign_off"))
    add_lang_option(parser)


def run_demo(args: argparse.Namespace) -> int:
    """Fill the store with generated DEMO data, imported as ordinary batches by user 'demo'."""
    from geo import actions, db, store
    from geo.demo import DEFAULT_PLOTS, DEFAULT_SEED

    engine = db.get_engine()
    if args.if_empty and store.history(engine, limit=1):
        return EXIT_OK
    plots, seed = args.plots or DEFAULT_PLOTS, DEFAULT_SEED if args.seed is None else args.seed
    results = actions.load_demo_as(
        engine, acting_user(args), plots=plots, seed=seed, surveys=args.surveys, sign_off=args.sign_off
    )
    for result in results:
        if not (result.committed or result.already):
            print("\n".join(report_lines(result.report, "demo", args.lang)), file=sys.stderr)
            return EXIT_ERRORS
    print(t("demo_done", args.lang), ", ".join(str(r.batch) for r in results))
    return EXIT_OK


def iso_day(text: str) -> date:
    """A day written as ISO 8601, 2024-04-15."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a day as YYYY-MM-DD") from None


def audit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--verify", action="store_true", help=say(parser, "cli_opt_audit_verify"))
    parser.add_argument(
        "--action",
        type=one_of("geo.audit", "AUDIT_ACTIONS"),
        metavar="ACTION",
        help=say(parser, "cli_opt_audit_action"),
    )
    parser.add_argument("--actor", metavar="NAME", help=say(parser, "cli_opt_audit_actor"))
    parser.add_argument("--since", type=iso_day, metavar="YYYY-MM-DD", help=say(parser, "cli_opt_audit_since"))
    json_and_lang_arguments(parser)


def run_audit(args: argparse.Namespace) -> int:
    """The audit trail, newest first (of one action, one person, from one day); with --verify, whether it was
    altered: 0 intact, 1 altered (each way it was, in the user's language)."""
    from geo import audit, db

    engine, lang = db.get_engine(), args.lang
    if args.verify:
        findings = audit.verify(engine)
        if args.json:
            print(
                json.dumps(
                    {"intact": not findings, "problems": [f.to_json(lang) for f in findings]}, ensure_ascii=False
                )
            )
        else:
            lines = [t("audit_intact" if not findings else "audit_altered", lang)]
            print("\n".join(lines + [f"  {finding.message(lang)}" for finding in findings]))
        return EXIT_ERRORS if findings else EXIT_OK
    found = audit.entries(engine, action=args.action, actor=args.actor, since=args.since)
    if args.json:
        print(json.dumps([entry.to_json() for entry in found], ensure_ascii=False))
        return EXIT_OK
    if not found:
        print(t("audit_empty", lang))
    for e in found:
        when = e.at.strftime("%Y-%m-%d %H:%M:%S UTC")
        print("\t".join([when, e.actor, audit.action_label(e.action, lang), e.subject or "—", audit.describe(e, lang)]))
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "check": Command("cli_check", check_arguments, run_check),
    "map": Command("cli_map", map_arguments, run_map),
    "user": Command("cli_user", user_arguments, run_user),
    "import": Command("cli_import", import_arguments, run_import),
    "history": Command("cli_history", json_and_lang_arguments, run_history),
    "rollback": Command("cli_rollback", rollback_arguments, run_rollback),
    "approve": Command("cli_approve", decision_arguments, run_decision),
    "reject": Command("cli_reject", lambda parser: decision_arguments(parser, reason=True), run_decision),
    "settings": Command("cli_settings", settings_arguments, run_settings),
    "summary": Command("cli_summary", json_and_lang_arguments, run_summary),
    "export": Command("cli_export", export_arguments, run_export),
    "sample": Command("cli_sample", sample_arguments, run_sample),
    "template": Command("cli_template", template_arguments, run_template),
    "demo": Command("cli_demo", demo_arguments, run_demo),
    "audit": Command("cli_audit", audit_arguments, run_audit),
}


def build_parser(lang: str = "en", commands: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser, its help in ``lang``; with ``commands``, only those commands get their arguments (the others
    are listed, which is all ``--help`` needs), so a command's argument set-up runs only when it is chosen."""
    parser = Parser(prog="python -m geo", description=t("cli_description", lang), lang=lang)
    add_lang_option(parser)  # before the command as after it: cli_lang has read it from anywhere in argv
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title=t("cli_commands", lang))
    for name, command in COMMANDS.items():
        text = t(command.help, lang)
        sub = subparsers.add_parser(name, help=text, description=text, lang=lang)
        if commands is None or name in commands:
            command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def chosen_command(argv: Sequence[str]) -> list[str]:
    """The command ``argv`` names (its first word that is one), as build_parser's ``commands``."""
    return [arg for arg in argv if arg in COMMANDS][:1]


@contextmanager
def logging_to_stderr() -> Iterator[None]:
    """While a command runs, geo's log lines (INFO and up) go to stderr; stdout carries its output and JSON."""
    logger = logging.getLogger("geo")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(cli_lang(argv), chosen_command(argv)).parse_args(argv)
    with logging_to_stderr():
        try:
            return args.run(args)
        except Exception as exc:  # noqa: BLE001 - re-raised unless the store failed
            return store_failed(exc, args)


def entry() -> int:
    """``python -m geo``: :func:`main`, and a reader that stops early (``| head``) ends it quietly: the rest of the
    output goes to /dev/null, so that Python's last flush at exit cannot fail again (as Python's documentation
    on SIGPIPE advises), and the exit code is 1."""
    try:
        try:
            return main()
        finally:  # also after --help or a usage error (SystemExit)
            sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERRORS


def store_failed(exc: Exception, args: argparse.Namespace) -> int:
    """A store that cannot be opened, read or written is said in one sentence (exit 2), its cause logged at debug
    level; anything else is a bug and goes on up with its traceback."""
    db = sys.modules.get("geo.db")  # no store was touched if geo.db was never imported
    failure = db.store_error(exc) if db is not None else None
    if failure is None:
        raise exc
    log.debug("store failure", exc_info=exc)
    print(failure.message(getattr(args, "lang", "en")), file=sys.stderr)
    return EXIT_UNREADABLE
