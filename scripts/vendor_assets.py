"""Put the pinned Leaflet files into static/vendor/ so the app and its maps need no CDN.

Runs `npm ci` (versions and hashes from package-lock.json) when node_modules/ lacks them, then copies the
files listed in geo.assets.VENDOR_FILES. Quick and silent when everything is already in place.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.assets import NODE_MODULES, ROOT, VENDOR_DIR, VENDOR_FILES


def _locked_versions() -> dict[str, str]:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return {
        path.removeprefix("node_modules/"): entry["version"]
        for path, entry in lock["packages"].items()
        if path.startswith("node_modules/")
    }


def _installed_version(package: str) -> str | None:
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


def ensure_node_modules() -> None:
    """`npm ci` unless node_modules/ already holds exactly the locked versions."""
    if all(_installed_version(p) == v for p, v in _locked_versions().items()):
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("vendor_assets: npm is needed to fetch Leaflet (apt-get install -y npm)")
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)


def copy_files() -> int:
    """Copy each vendored file whose content differs; returns how many were copied."""
    copied = 0
    for target, source in VENDOR_FILES.items():
        src, dst = NODE_MODULES / source, VENDOR_DIR / target
        if dst.is_file() and dst.read_bytes() == src.read_bytes():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        copied += 1
    return copied


def main() -> None:
    ensure_node_modules()
    copied = copy_files()
    if copied:
        print(f"vendor_assets: {copied} file(s) copied into {VENDOR_DIR.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
