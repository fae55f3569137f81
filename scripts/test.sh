#!/usr/bin/env bash
# Set up (if needed) and run every test: the core's, then the example third-party pack's.
# The example pack gets a virtualenv of its own, so that .venv stays gxcheck as shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
pip_install() { "$1"/bin/python -m pip install -q --disable-pip-version-check "${@:2}"; }
[ -x .venv/bin/python ] || python3 -m venv .venv
pip_install .venv -e '.[test]'
.venv/bin/python -m pytest -q tests "$@"
[ -x .venv-plugin/bin/python ] || python3 -m venv .venv-plugin
pip_install .venv-plugin -e '.[test]' -e ./plugins/gxcheck-contact
.venv-plugin/bin/python -m pytest -q plugins/gxcheck-contact/tests
