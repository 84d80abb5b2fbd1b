#!/usr/bin/env bash
# setup_peer.sh [VENV_DIR] — create the Python environment the numpy peer runs in.
#
# Idempotent: creates VENV_DIR (default target/bench-venv, relative to the
# current directory) with `python3 -m venv` and installs numpy from PyPI
# only if numpy is not already importable there. Prints nothing when the
# environment is already set up, so benchmark scripts can call it every time.
set -euo pipefail

venv="${1:-target/bench-venv}"
python="$venv/bin/python"

# Already usable: stay silent.
if [ -x "$python" ] && "$python" -c 'import numpy' >/dev/null 2>&1; then
    exit 0
fi

if [ ! -x "$python" ]; then
    echo "setup_peer: creating virtual environment $venv" >&2
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
fi

echo "setup_peer: installing numpy into $venv" >&2
# --disable-pip-version-check: no "new pip available" chatter in bench logs.
"$python" -m pip install --quiet --disable-pip-version-check numpy >&2
"$python" -c 'import numpy' >/dev/null
echo "setup_peer: numpy $("$python" -c 'import numpy; print(numpy.__version__)') ready in $venv" >&2
