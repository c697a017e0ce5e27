#!/usr/bin/env bash
# The tool as a user installs it: build the sdist and, from it, the wheel; install the locked
# dependencies (--require-hashes) and the wheel into a fresh virtual environment; then, outside
# the checkout, run score, report and lexicon list/add/remove with the shipped lexicons, and
# check that the scores are the checkout's byte for byte.
set -euo pipefail  # so a pipe into grep reads all of it: grep -q would cut the writer short
root="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'echo "wheel check failed at line $LINENO: $BASH_COMMAND" >&2' ERR
pip_quiet=(--quiet --disable-pip-version-check)

"$PYTHON" -m venv "$work/build-env"
"$work/build-env/bin/pip" install "${pip_quiet[@]}" build
"$work/build-env/bin/python" -m build --outdir "$work/dist" "$root" >/dev/null

"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install "${pip_quiet[@]}" --require-hashes -r "$root/requirements.lock"
"$work/venv/bin/pip" install "${pip_quiet[@]}" --no-deps "$work"/dist/*.whl
"$work/venv/bin/pip" check

framing="$work/venv/bin/framing"
cd "$work"
mkdir home && cp -r "$root/seeds" seeds
# A user with no settings of their own: the overlay goes to ~/.local/share/framing/lexicons.
export HOME="$work/home"
unset XDG_DATA_HOME FRAMING_USER_LEXICONS FRAMING_LEXICONS FRAMING_MODEL FRAMING_CACHE_DIR

"$framing" lexicon list state_media | grep "site-packages/framing/_lexicons/state_media.yaml" >/dev/null
"$framing" score seeds/ --format csv --no-cache > wheel.csv
# The checkout's code (PYTHONPATH), whatever the checkout's .venv has installed.
PYTHONPATH="$root" "$root/.venv/bin/python" -c "from framing.cli import app; app()" \
    score seeds/ --format csv --no-cache > checkout.csv
cmp wheel.csv checkout.csv
"$framing" report seeds/ --out out/ >/dev/null
test -s out/report.html && test -s out/report.md

overlay="$HOME/.local/share/framing/lexicons"
"$framing" lexicon add loaded_terms zantor --category pejorative_label \
    --note "A made-up word, added by the wheel check." >/dev/null
grep -q "id: loaded.zantor" "$overlay/loaded_terms.yaml"
"$framing" lexicon list loaded_terms | grep "loaded.zantor" >/dev/null
"$framing" lexicon remove loaded.zantor >/dev/null
! grep -rq zantor "$work/venv/lib/"*/site-packages/framing/_lexicons/
echo "wheel check: installed from the lock and the wheel, outside the checkout: ok"
