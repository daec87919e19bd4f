"""The index on a full or read-only disk: one plain message, and the old index still works.

Each scenario runs in its own mount namespace (`unshare -m`) on a small tmpfs, so
nothing outside the test sees the mount. It needs the right to mount (root, as in CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MENTOR = str(Path(sys.executable).parent / "mentor-assistant")


def can_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs "
                            "/mnt"], capture_output=True)
    return probe.returncode == 0


# CI sets MENTOR_ASSISTANT_REQUIRE_MOUNT=1: there a missing right to mount fails, never skips.
MOUNT_REQUIRED = os.environ.get("MENTOR_ASSISTANT_REQUIRE_MOUNT") == "1"
pytestmark = pytest.mark.skipif(not MOUNT_REQUIRED and not can_mount(),
                                reason="needs the right to mount a tmpfs")


def in_small_disk(fixture_guide: Path, tmp_path: Path, steps: str) -> str:
    """Index the guide on a fresh 20 MB tmpfs, then run ``steps`` (sh) there; the output."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = f"""
set -u
ma() {{ "{MENTOR}" "$@" --config "{fixture_guide}" --index-dir "{disk}/index"; }}
mount -t tmpfs -o size=20m tmpfs "{disk}"
ma index -q >/dev/null 2>&1 || echo "FIRST BUILD FAILED"
{steps}
"""
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True,
                            text=True, timeout=300)
    return result.stdout + result.stderr


def test_a_full_disk_gives_one_plain_message_and_keeps_the_old_index(
        fixture_guide: Path, tmp_path: Path) -> None:
    page = fixture_guide.parent / "docs" / "mentors" / "trust.md"
    output = in_small_disk(fixture_guide, tmp_path, f"""
dd if=/dev/zero of="{tmp_path}/disk/filler" bs=64k >/dev/null 2>&1
echo "Keep a zanzibarquokka in mind." >> "{page}"
ma index -q --full; echo "INDEX EXIT $?"
rm "{tmp_path}/disk/filler"
ma search zanzibarquokka -k 1 --json; echo "SEARCH EXIT $?"
""")
    assert "FIRST BUILD FAILED" not in output
    assert "INDEX EXIT 1" in output and output.count("Error:") == 1, output
    assert "the disk holding the index at" in output and "is full" in output
    assert "previous index is unchanged" in output
    assert "delete that folder" not in output and "unexpected failure" not in output
    assert "SEARCH EXIT 0" in output and '"results"' in output
    found = json.loads(output[output.index("{"):output.rindex("}") + 1])
    assert found["results"] and all("zanzibarquokka" not in r["text"]
                                    for r in found["results"])  # the old index, still there


def test_a_read_only_index_can_be_read_but_not_rebuilt(fixture_guide: Path,
                                                       tmp_path: Path) -> None:
    output = in_small_disk(fixture_guide, tmp_path, f"""
mount -o remount,ro "{tmp_path}/disk"
ma search trust -k 1; echo "SEARCH EXIT $?"
ma index -q --full; echo "INDEX EXIT $?"
""")
    assert "FIRST BUILD FAILED" not in output
    assert "SEARCH EXIT 0" in output and "Trust" in output, output
    assert "INDEX EXIT 1" in output and output.count("Error:") == 1, output
    assert "on a disk that cannot be written" in output
    assert "delete that folder" not in output and "unexpected failure" not in output

