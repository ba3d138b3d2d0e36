#!/usr/bin/env bash
# Installs everything Orman needs on a fresh machine of this kind; quick when it is all there already.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

debs=(postgresql-15-postgis-3 chromium fonts-dejavu-core)
missing=()
for pkg in "${debs[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL is started by the machine; start it again if it stopped.
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
fi

python -m pip install -q --disable-pip-version-check -r requirements.txt
python scripts/vendor_assets.py
