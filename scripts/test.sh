#!/usr/bin/env bash
# The whole test suite: set up the environment with the test extras and run pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh -k browser -x
# Browser tests use Debian's chromium (/usr/bin/chromium). Without it they are
# skipped, unless MENTOR_ASSISTANT_REQUIRE_BROWSER=1 (as in CI) makes that a failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh" test
cd "$root"
exec .venv/bin/python -m pytest "$@"
