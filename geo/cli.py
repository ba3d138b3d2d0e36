"""The command line, ``python -m geo COMMAND …``; commands, options and exit codes are the data contract's.

Each command is a pair of functions, one adding its arguments and one running it and returning the exit code,
listed once in COMMANDS. To add a command, write those two functions and add a line there.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.i18n import LANGS, fmt_int, message, t
from geo.report import Report
from geo.validate import KINDS, validate_file

if TYPE_CHECKING:
    from geo.auth import User

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2  # also argparse's exit code for a usage error
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclass(frozen=True)
class Command:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# --- options shared by several commands ----------------------------------------------------------------------


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default="en", help="language of messages (default: en)")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def add_file_options(parser: argparse.ArgumentParser) -> None:
    """FILE, --kind and --sheet: what to read and how."""
    parser.add_argument("file", help="GeoJSON of plots, or CSV/XLSX of plantings")
    parser.add_argument("--kind", choices=KINDS, help="plots or plantings (default: from the file name)")
    parser.add_argument("--sheet", help="worksheet of an XLSX file (default: the first)")


def acting_user(args: argparse.Namespace) -> User:
    """The server's operator, recorded as ``--user`` where the command takes it, else as the login name."""
    from geo.auth import operator

    return operator(getattr(args, "user", None) or login_name())


def login_name() -> str:
    """Who runs the command; ``operator`` where the system knows no name for the process's uid (a container)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "operator"


def read_input(args: argparse.Namespace) -> bytes | None:
    """The bytes of args.file, or None after saying in one sentence why it cannot be opened."""
    try:
        return Path(args.file).read_bytes()
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
    """Validate a file and write nothing: 0 valid (warnings allowed), 1 errors, 2 unreadable."""
    data = read_input(args)
    if data is None:
        return EXIT_UNREADABLE
    validated = validate_file(data, Path(args.file).name, kind=args.kind, sheet=args.sheet)
    return show_report(validated.report, args)


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
    parser.add_argument("--out", required=True, type=Path, help="HTML file to write")
    parser.add_argument("--bbox", type=parse_bbox, help="W,S,E,N to show (default: all Kazakhstan)")
    parser.add_argument(
        "--zoom",
        type=int,
        choices=range(3, 19),
        metavar="Z",
        help="zoom level 3-18 (default: the one that fits the box)",
    )
    parser.add_argument("--colour-by", choices=("survival", "species"), default="survival")
    add_lang_option(parser)


def run_map(args: argparse.Namespace) -> int:
    """Write the app's map of the store as one HTML file that opens offline."""
    from geo import db, mapview  # the map's libraries load only for this command
    from geo.viewport import StoreSource

    html = mapview.standalone_map(StoreSource(db.get_engine()), args.bbox, args.zoom, args.lang, args.colour_by)
    args.out.write_text(html, encoding="utf-8")
    return EXIT_OK


def user_arguments(parser: argparse.ArgumentParser) -> None:
    from geo.auth import ASSIGNABLE_ROLES

    actions = parser.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="create an account; the password is prompted (or one line of stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ASSIGNABLE_ROLES)
    add.add_argument("--email", help="e-mail an OIDC sign-in (st.login) is matched to")
    add_json_option(actions.add_parser("list", help="accounts, without password hashes"))
    actions.add_parser("disable", help="stop an account from signing in").add_argument("name")
    actions.add_parser("passwd", help="set a new password (prompted, or one line of stdin)").add_argument("name")
    for sub in actions.choices.values():
        add_lang_option(sub)


def read_new_password(name: str, lang: str) -> str | None:
    """A new password: typed twice at a terminal, else the first line of stdin; None if the two differ.
    Never an argument, so it stays out of the shell history and the process list."""
    from geo.i18n import t

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("auth_prompt_password", lang, name=name))
    if getpass.getpass(t("auth_prompt_repeat", lang)) != first:
        print(t("auth_password_mismatch", lang), file=sys.stderr)
        return None
    return first


def show_users(users: list[Any], args: argparse.Namespace) -> int:
    """Accounts as a JSON list (--json) or one tab-separated line each: name, role, e-mail, status, last sign-in."""
    from geo.i18n import t

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
    from geo.i18n import t

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
    parser.add_argument("--user", default=None, help="who uploads (default: the login name)")
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows only; the skipped rows are listed in the batch's report",
    )
    add_json_option(parser)
    add_lang_option(parser)


def run_import(args: argparse.Namespace) -> int:
    """Validate and commit one batch: 0 committed or already there, 1 rejected."""
    from geo import actions, db
    from geo.i18n import t

    data = read_input(args)
    if data is None:
        return EXIT_UNREADABLE
    engine = db.get_engine()
    result = actions.import_as(
        engine,
        acting_user(args),
        data,
        Path(args.file).name,
        kind=args.kind,
        skip_invalid=args.skip_invalid,
        sheet=args.sheet,
    )
    if args.json:
        print(json.dumps(result.to_json(args.lang), ensure_ascii=False))
    else:
        if result.report.unreadable is not None:
            print(f"{Path(args.file).name}: {result.report.unreadable.text(args.lang)}", file=sys.stderr)
        else:
            print("\n".join(report_lines(result.report, Path(args.file).name, args.lang)))
        if result.already:
            print(t("already_batch", args.lang, batch=result.batch, when=_batch_time(engine, result.batch)))
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
    from geo.i18n import t

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
        print(f"{line}\n  {counts}")
    return EXIT_OK


def rollback_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("batch_id", type=int, metavar="BATCH_ID")
    parser.add_argument("--user", default=None, help="who rolls back (default: the login name)")
    add_lang_option(parser)


def run_rollback(args: argparse.Namespace) -> int:
    """Undo one batch: 0 done, 1 unknown batch or refused (the reason is printed)."""
    from geo import actions, db

    result = actions.rollback_as(db.get_engine(), acting_user(args), args.batch_id)
    print(result.explain(args.lang), file=sys.stdout if result.ok else sys.stderr)
    return EXIT_OK if result.ok else EXIT_ERRORS


def run_summary(args: argparse.Namespace) -> int:
    """The figures: the contract's JSON, or the main ones as text."""
    from geo import db, progress
    from geo.i18n import fmt_num, fmt_pct, t

    figures = progress.summary(db.get_engine())
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return EXIT_OK
    lang = args.lang
    lines = [
        f"{t('kpi_planted', lang)}: {fmt_int(figures['planted'], lang)}",
        f"{t('kpi_target', lang)}: {fmt_pct(figures['planted'] / figures['target'], lang, 2)}",
        f"{t('kpi_plots', lang)}: {fmt_int(figures['plots'], lang)}",
        f"{t('kpi_area', lang)}: {fmt_num(figures['area_ha'], lang)}",
    ]
    if figures["survival"] is not None:
        rate = fmt_pct(figures["survival"], lang)
        adjusted = fmt_int(figures["survival_adjusted"], lang)
        lines.append(f"{t('kpi_surviving', lang)}: {adjusted} ({t('kpi_survival_rate', lang, rate=rate)})")
    print("\n".join(lines))
    return EXIT_OK


def export_arguments(parser: argparse.ArgumentParser) -> None:
    from geo.export import FORMATS

    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("--out", required=True, type=Path, help="file to write")
    add_lang_option(parser)


def run_export(args: argparse.Namespace) -> int:
    """Write the current plots with their figures."""
    from geo import db, export
    from geo.i18n import t

    count = export.export(db.get_engine(), args.format, args.out)
    print(t("export_done", args.lang, plots=t("count_plots", args.lang, count=count), file=str(args.out)))
    return EXIT_OK


def template_arguments(parser: argparse.ArgumentParser) -> None:
    from geo.templates import FORMATS, TEMPLATE_KINDS

    parser.add_argument("--kind", required=True, choices=TEMPLATE_KINDS)
    parser.add_argument("--lang", required=True, choices=LANGS, help="language of the headers")
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("--out", required=True, type=Path, help="file to write")


def run_template(args: argparse.Namespace) -> int:
    """Write an empty upload file of one kind with the headers in one language."""
    from geo import templates

    args.out.write_bytes(templates.template(args.kind, args.lang, args.format))
    return EXIT_OK


def demo_arguments(parser: argparse.ArgumentParser) -> None:
    from geo.demo import DEFAULT_PLOTS, DEFAULT_SEED

    parser.add_argument("--plots", type=int, default=DEFAULT_PLOTS, help=f"plots to generate (default {DEFAULT_PLOTS})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed and day, same data")
    parser.add_argument("--if-empty", action="store_true", help="do nothing when the store already has batches")
    add_lang_option(parser)


def run_demo(args: argparse.Namespace) -> int:
    """Fill the store with generated DEMO data, imported as ordinary batches by user 'demo'."""
    from geo import actions, db, store
    from geo.i18n import t

    engine = db.get_engine()
    if args.if_empty and store.history(engine, limit=1):
        return EXIT_OK
    results = actions.load_demo_as(engine, acting_user(args), plots=args.plots, seed=args.seed)
    for result in results:
        if not (result.committed or result.already):
            print("\n".join(report_lines(result.report, "demo", args.lang)), file=sys.stderr)
            return EXIT_ERRORS
    print(t("demo_done", args.lang), ", ".join(str(r.batch) for r in results))
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "check": Command("validate a plots or plantings file; writes nothing", check_arguments, run_check),
    "map": Command("write the map as a standalone HTML file", map_arguments, run_map),
    "user": Command("manage the accounts that sign in to the app", user_arguments, run_user),
    "import": Command("validate a file and store it as one batch", import_arguments, run_import),
    "history": Command("list the batches, newest first", json_and_lang_arguments, run_history),
    "rollback": Command("undo one batch", rollback_arguments, run_rollback),
    "summary": Command(
        "the figures: planted, surviving, plots, area and breakdowns", json_and_lang_arguments, run_summary
    ),
    "export": Command("write the plots with their figures as CSV, GeoJSON or GeoPackage", export_arguments, run_export),
    "template": Command(
        "write an empty upload file (plots, plantings, surveys, write-offs) with headers in kk, ru or en",
        template_arguments,
        run_template,
    ),
    "demo": Command("fill the store with generated demo data, every name marked DEMO", demo_arguments, run_demo),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Orman: Kazakhstan reforestation data.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = subparsers.add_parser(name, help=command.help, description=command.help)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


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
    args = build_parser().parse_args(argv)
    with logging_to_stderr():
        return args.run(args)
