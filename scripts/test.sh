#!/usr/bin/env bash
# Set up (if needed) and run every check: the core's lint (ruff) and types (mypy --strict),
# its tests, then the example third-party packs' tests.
# The example packs get a virtualenv of their own, so that .venv stays gxcheck as shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
pip_install() { "$1"/bin/python -m pip install -q --disable-pip-version-check "${@:2}"; }
[ -x .venv/bin/python ] || python3 -m venv .venv
pip_install .venv -e '.[test,lint,ocr,page,browser,dask]'
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest -q tests "$@"
[ -x .venv-plugin/bin/python ] || python3 -m venv .venv-plugin
pip_install .venv-plugin -e '.[test]' -e ./plugins/gxcheck-contact -e ./plugins/gxcheck-profile-hubei
.venv-plugin/bin/python -m pytest -q plugins/gxcheck-contact/tests plugins/gxcheck-profile-hubei/tests
