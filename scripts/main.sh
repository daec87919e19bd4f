#!/usr/bin/env bash
# The main job, offline: set up the environment, check the guide and build the
# static site into site/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh"
cd "$root"
.venv/bin/mentor-assistant build
