"""The page registry (app.PAGES) agrees with geo.auth's pages and permissions and with the catalogue's titles."""

from __future__ import annotations

import app
from geo import auth
from geo.i18n import LANGS
from geo.i18n.ui import UI

NAMES = tuple(spec.name for spec in app.PAGES)


def test_the_registry_and_auth_list_the_same_pages_in_the_same_order():
    assert auth.PAGES == NAMES


def test_every_role_has_a_permission_row_within_the_registry():
    assert set(auth.PERMISSIONS) == set(auth.ROLES)
    for role, grant in auth.PERMISSIONS.items():
        assert grant.pages <= set(NAMES), role
        assert grant.actions <= set(auth.ACTIONS), role


def test_every_page_is_open_to_the_admin():
    assert auth.PERMISSIONS["admin"].pages == set(NAMES)


def test_every_page_has_its_menu_title_in_kk_ru_en():
    missing = [f"nav_{name} ({lang})" for name in NAMES for lang in LANGS if not UI.get(f"nav_{name}", {}).get(lang)]
    assert not missing
