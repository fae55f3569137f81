#!/usr/bin/env bash
# Set up (if needed) and run every test: the core's and the example third-party pack's.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' -e ./plugins/gxcheck-contact
.venv/bin/python -m pytest -q tests plugins/gxcheck-contact/tests "$@"
