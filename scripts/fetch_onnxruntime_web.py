#!/usr/bin/env python3
"""Fetch the pinned onnxruntime-web release from the npm registry into .cache/.

The version, tarball address and sha512 integrity are pinned in
mentor_assistant/data/onnxruntime-web.json. Only the files the static assistant
needs are unpacked, into .cache/onnxruntime-web/<version>/, with the licence.
Standard library only: CI has Python 3 and registry access, not necessarily npm.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "mentor_assistant" / "data"
PIN = DATA / "onnxruntime-web.json"


def main() -> int:
    pin = json.loads(PIN.read_text(encoding="utf-8"))
    target = ROOT / ".cache" / "onnxruntime-web" / pin["version"]
    if all((target / name).is_file() for name in [*pin["files"], "LICENSE"]):
        return 0
    print(f"Fetching onnxruntime-web {pin['version']} from the npm registry ...", file=sys.stderr)
    try:
        with urllib.request.urlopen(pin["tarball"], timeout=120) as response:
            payload = response.read()
    except OSError as error:
        print(f"Could not download {pin['tarball']} ({error}). The site still builds, but "
              "its Ask page cannot answer offline; run scripts/bootstrap.sh again when the "
              "registry is reachable.", file=sys.stderr)
        return 1
    if not _integrity_matches(payload, pin["integrity"]):
        print(f"The downloaded {pin['tarball']} does not match the pinned integrity; it was "
              "not used. Try again, or check for a proxy that alters downloads.",
              file=sys.stderr)
        return 1
    _unpack(payload, pin["files"], target)
    return 0


def _integrity_matches(payload: bytes, integrity: str) -> bool:
    algorithm, _, expected = integrity.partition("-")
    digest = hashlib.new(algorithm, payload).digest()
    return base64.b64encode(digest).decode() == expected


def _unpack(payload: bytes, files: list[str], target: Path) -> None:
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(payload), mode="r:gz") as archive:
        for name in files:
            member = archive.extractfile(f"package/dist/{name}")
            if member is None:
                raise SystemExit(f"the onnxruntime-web tarball has no dist/{name}")
            (staging / name).write_bytes(member.read())
        package = archive.extractfile("package/package.json")
        (staging / "package.json").write_bytes(package.read() if package else b"{}")
    shutil.copyfile(DATA / "LICENSE-onnxruntime-web.txt", staging / "LICENSE")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


if __name__ == "__main__":
    sys.exit(main())
