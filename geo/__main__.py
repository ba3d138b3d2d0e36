"""``python -m geo``: the command line (see geo/cli.py)."""

from geo.cli import entry

raise SystemExit(entry())
