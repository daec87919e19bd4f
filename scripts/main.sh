#!/usr/bin/env bash
# The main job, offline: set up the environment, check the guide, build the
# static site into site/, build the assistant's index, answer a sample question
# with the embedded model (no API key, no network), then serve the site and the
# assistant at http://127.0.0.1:8000/ until Ctrl+C.
# Usage: scripts/main.sh [--no-serve]   (--no-serve stops after the sample answer)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh"
cd "$root"
.venv/bin/mentor-assistant build
.venv/bin/mentor-assistant index
env -u OPENAI_API_KEY -u OPENAI_BASE_URL \
  .venv/bin/mentor-assistant ask "How do I build trust with a new mentee?"
if [ "${1:-}" != "--no-serve" ]; then
  exec env -u OPENAI_API_KEY -u OPENAI_BASE_URL .venv/bin/mentor-assistant serve --no-rebuild
fi
