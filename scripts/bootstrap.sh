#!/usr/bin/env bash
# Create (or reuse) the project's virtual environment in .venv and install the
# project into it, with optional extras: scripts/bootstrap.sh [EXTRAS]
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extras="${1:-}"
venv="$root/.venv"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "This project needs Python 3.10 or newer; '$python' is older or missing." >&2
  echo "Install a newer Python 3, or point PYTHON at one: PYTHON=python3.12 $0" >&2
  exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv"; then
    echo "Could not create a virtual environment in $venv." >&2
    echo "On Debian or Ubuntu, install the venv module first: apt-get install python3-venv" >&2
    rm -rf "$venv"
    exit 1
  fi
fi

spec="$root"
[ -n "$extras" ] && spec="$root[$extras]"
stamp="$venv/.installed${extras:+-$extras}"
want="$(sha256sum "$root/pyproject.toml" | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "Installing mentor-assistant${extras:+ with [$extras]} into $venv ..." >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
  echo "$want" > "$stamp"
fi

# The WebAssembly runtime of the in-browser assistant (pinned onnxruntime-web, from
# the npm registry, integrity-checked); a failure leaves a site whose Ask page says so.
"$python" "$root/scripts/fetch_onnxruntime_web.py" || true
