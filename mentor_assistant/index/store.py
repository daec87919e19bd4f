"""The Chroma store: open a client (embedded or server) and read the index state.

The index lives in a collection named ``guide-<generation>``. A small meta
collection records which generation is current, with the embedder and chunker
that built it. A build writes a new generation and flips that pointer last, so a
build that fails or is killed leaves the previous index in use.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import MISSING, asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ConfigError, IndexMissingError, IndexWriteError
from ..settings import StoreSettings

if TYPE_CHECKING:
    from ..safety.detector import Exemplar

META_COLLECTION = "mentor-assistant-meta"
GENERATION_PREFIX = "guide-"
LABELLED_PREFIX = "labelled-"  # the labelled safety sets' vectors, kept across generations
SENTENCES_SUFFIX = "-sentences"
SAFETY_SUFFIX = "-safety"
QUESTIONS_SUFFIX = "-questions"
INDEX_FIX = "run 'mentor-assistant index' to build it"


@dataclass(frozen=True)
class IndexState:
    """What the current index is and how it was built."""

    collection: str
    embedder: str
    dimension: int
    chunker: str
    fingerprint: str
    built_at: float
    pages: int
    chunks: int
    labelled: str = ""  # the collection of the labelled sets' vectors ("" for none)


def open_client(settings: StoreSettings) -> Any:
    """A chromadb client with telemetry off: HTTP when a URL is set, else embedded.

    Raises:
        ConfigError: the URL is malformed or the server cannot be reached.
    """
    os.environ["ANONYMIZED_TELEMETRY"] = "False"
    import chromadb
    from chromadb.config import Settings

    chroma_settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if not settings.chroma_url:
        try:
            settings.index_dir.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(settings.index_dir),
                                             settings=chroma_settings)
        except Exception as error:  # noqa: BLE001 - a damaged or foreign folder, a full disk
            if storage_problem(error) == "read-only" and \
                    (settings.index_dir / "chroma.sqlite3").is_file():
                return _read_only_copy(chromadb, settings.index_dir, chroma_settings)
            raise store_error(error, settings) from None
    url = urlsplit(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(f"the Chroma URL {settings.chroma_url!r} is not an http(s) address",
                          "use a form like http://127.0.0.1:8001")
    try:
        return chromadb.HttpClient(host=url.hostname, port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=chroma_settings)
    except Exception as error:  # noqa: BLE001 - chromadb raises several kinds here
        raise ConfigError(f"cannot reach the Chroma server at {settings.chroma_url} ({error})",
                          "start it (chroma run --host 127.0.0.1 --port PORT --path DIR) or "
                          "unset --chroma-url / MENTOR_ASSISTANT_CHROMA_URL") from None


def storage_problem(error: BaseException) -> str | None:
    """``full`` or ``read-only`` when ``error`` comes from the disk under the index."""
    import errno

    text = str(error)
    code = getattr(error, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "No space left" in text:
        return "full"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly database" in text \
            or "Read-only file system" in text:
        return "read-only"
    return None


def store_error(error: BaseException, settings: StoreSettings) -> Exception:
    """One plain error for a failure to open or write the index."""
    problem = storage_problem(error)
    if problem == "full":
        return IndexWriteError(f"the disk holding the index at {settings.location} is full",
                               "free some space on it, then run the command again; the "
                               "previous index is unchanged and still in use")
    if problem == "read-only":
        return IndexWriteError(f"the index at {settings.location} is on a disk that cannot be "
                               "written", "build it with --index-dir on a writable disk (it "
                               "can be read from a read-only one); the previous index is "
                               "unchanged")
    return IndexMissingError(f"the index at {settings.index_dir} cannot be opened ({error})",
                             "rebuild it in an empty folder: delete that folder, then run "
                             "'mentor-assistant index'")


def _read_only_copy(chromadb: Any, index_dir: Path, chroma_settings: Any) -> Any:
    """Chroma writes even to read: open a private copy of an index on a read-only disk."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="mentor-assistant-index-"))
    atexit.register(shutil.rmtree, folder, True)
    shutil.copytree(index_dir, folder / "index")
    return chromadb.PersistentClient(path=str(folder / "index"), settings=chroma_settings)


READ_PAGE = 5000  # items per read: Chroma cannot read ~33,000 or more at once


def read_all(collection: Any, include: list[str], where: dict[str, Any] | None = None
             ) -> dict[str, Any]:
    """Every item of ``collection`` (those matching ``where``, if given), read a page at a
    time (one ``get`` for a small one)."""
    page = collection.get(include=include, where=where, limit=READ_PAGE, offset=0)
    if len(page["ids"]) < READ_PAGE:
        return page
    pages = [page]
    while len(pages[-1]["ids"]) == READ_PAGE:
        pages.append(collection.get(include=include, where=where, limit=READ_PAGE,
                                    offset=READ_PAGE * len(pages)))
    return {"ids": [i for p in pages for i in p["ids"]],
            **{name: _joined([p[name] for p in pages]) for name in include}}


def _joined(parts: list[Any]) -> Any:
    if any(hasattr(part, "shape") for part in parts):
        import numpy as np

        return np.concatenate([np.asarray(part) for part in parts if len(part)])
    return [value for part in parts for value in part]


def read_state(client: Any) -> IndexState | None:
    """The current index state, or None when nothing has been built yet."""
    try:
        names = [getattr(c, "name", c) for c in client.list_collections()]
    except Exception as error:  # noqa: BLE001 - a damaged store or an unreachable server
        raise IndexMissingError(f"the index cannot be read ({error})",
                                "check --chroma-url, or rebuild with 'mentor-assistant index "
                                "--full' in an empty folder") from None
    if META_COLLECTION not in names:
        return None
    meta = client.get_collection(META_COLLECTION)
    data = dict(meta.metadata or {})
    try:
        return IndexState(**{name: data[name] if field.default is MISSING
                             else data.get(name, field.default)
                             for name, field in IndexState.__dataclass_fields__.items()})
    except KeyError:
        return None


def write_state(client: Any, state: IndexState) -> None:
    """Make ``state`` current: the commit point of a build."""
    meta = client.get_or_create_collection(META_COLLECTION, embedding_function=None)
    meta.modify(metadata=asdict(state))


def current_collection(client: Any, settings: StoreSettings) -> tuple[Any, IndexState]:
    """The current index collection and its state.

    Raises:
        IndexMissingError: no index has been built at this location.
    """
    state = read_state(client)
    if state is None:
        raise IndexMissingError(f"there is no index at {settings.location} yet", INDEX_FIX)
    try:
        return client.get_collection(state.collection), state
    except Exception:  # noqa: BLE001
        raise IndexMissingError(f"the index at {settings.location} is incomplete "
                                f"(collection {state.collection} is missing)", INDEX_FIX) from None


def sentence_collection(client: Any, state: IndexState) -> Any:
    """The current generation's quotable sentences, or None for an index without them
    (answers then embed sentences on the fly)."""
    return _part_of(client, state, SENTENCES_SUFFIX)


def safety_collection(client: Any, state: IndexState) -> Any:
    """The current generation's embedded safety exemplars, or None for an older index
    (the exemplars are then embedded when loading)."""
    return _part_of(client, state, SAFETY_SUFFIX)


def questions_collection(client: Any, state: IndexState) -> Any:
    """The current generation's questions written for sections, or None for an index
    without them (retrieval then uses the sections' text alone)."""
    return _part_of(client, state, QUESTIONS_SUFFIX)


def labelled_collection(client: Any, state: IndexState) -> Any:
    """The labelled safety sets' vectors the current index uses, or None for an index
    built without them (the check then uses the guide's exemplars alone)."""
    return _collection_or_none(client, state.labelled) if state.labelled else None


def stale_labelled(client: Any, keep: set[str]) -> list[str]:
    """Names of labelled-set collections no index in ``keep`` uses."""
    names = [getattr(c, "name", c) for c in client.list_collections()]
    return [n for n in names if n.startswith(LABELLED_PREFIX) and n not in keep]


def _part_of(client: Any, state: IndexState, suffix: str) -> Any:
    return _collection_or_none(client, state.collection + suffix)


def _collection_or_none(client: Any, name: str) -> Any:
    try:
        return client.get_collection(name)
    except Exception:  # noqa: BLE001 - an index built before this part existed
        return None


def stale_generations(client: Any, keep: str, previous: str | None = None) -> list[str]:
    """Names of index generations other than ``keep`` and ``previous`` (left by replaced
    or killed builds). The previous one stays for servers still switching from it."""
    names = [getattr(c, "name", c) for c in client.list_collections()]
    kept = [name for name in (keep, previous) if name]
    current = {name + suffix for name in kept for suffix in
               ("", SENTENCES_SUFFIX, SAFETY_SUFFIX, QUESTIONS_SUFFIX)}
    return [n for n in names if n.startswith(GENERATION_PREFIX) and n not in current]


def packed_vectors_path(settings: StoreSettings, collection: str) -> Path | None:
    """Where a local index keeps one collection's vectors as a single matrix file (None
    for a Chroma server). Reading 5,000 rows through Chroma takes about 0.3 s; the file,
    a few milliseconds."""
    return None if settings.chroma_url else settings.index_dir / f"{collection}.npz"


def write_packed(target: Path, vectors: Any, **labels: Any) -> None:
    """Vectors and their labels (one array each, a row per vector) as one matrix file,
    written whole or not at all."""
    import numpy as np

    partial = target.with_name(target.name + ".partial")
    with partial.open("wb") as handle:
        np.savez(handle, vectors=np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1),
                 **{name: np.asarray(values) for name, values in labels.items()})
    os.replace(partial, target)


def read_packed(path: Path | None, *labels: str) -> tuple[Any, ...] | None:
    """The vectors and the named labels `write_packed` wrote (None: no readable file, or
    one that lacks a label or a row)."""
    import numpy as np

    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            found = (data["vectors"], *(data[label] for label in labels))
    except (OSError, ValueError, KeyError):
        return None
    return found if all(len(column) == len(found[0]) for column in found) else None


def remove_orphaned_segments(settings: StoreSettings) -> int:
    """Delete the vector folders of deleted collections from a local index folder, and say
    how many went.

    Chroma 1.x deletes a collection's rows but leaves its vector folder (named by segment
    id) on disk (chroma-core/chroma#5520), so every re-index would otherwise leave a few
    megabytes behind for good. A folder goes only when its name is a segment id that no
    collection uses any more.
    """
    import shutil
    import sqlite3
    from contextlib import closing

    database = settings.index_dir / "chroma.sqlite3"
    if settings.chroma_url or not database.is_file():
        return 0
    read_only = f"{database.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(read_only, uri=True)) as connection:
        live = {row[0] for row in connection.execute("SELECT id FROM segments")}
    removed = 0
    for folder in settings.index_dir.iterdir():
        if folder.is_dir() and folder.name not in live and _is_uuid(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _is_uuid(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


def current_generation(client: Any) -> tuple[str, str] | None:
    """The current generation's collection and guide fingerprint, read cheaply (None: no
    index, or one that cannot be read just now)."""
    try:
        data = client.get_collection(META_COLLECTION).metadata or {}
    except Exception:  # noqa: BLE001 - no index yet, or one being replaced
        return None
    if "collection" not in data:
        return None
    return str(data["collection"]), str(data.get("fingerprint", ""))


@contextmanager
def index_lock(settings: StoreSettings, on_wait: Callable[[str], None] | None = None
               ) -> Iterator[None]:
    """Hold the lock of a local index while building it; wait, saying so, if it is taken."""
    if settings.chroma_url:
        yield
        return
    import fcntl

    path = settings.index_dir.parent / f".{settings.index_dir.name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(f"Another 'mentor-assistant index' is updating {settings.index_dir}; "
                        "waiting for it to finish...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_packed_exemplars(path: Path, exemplars: Sequence[Exemplar], vectors: Sequence[Any]
                           ) -> None:
    """The exemplars' vectors and labels as one file, written whole or not at all."""
    write_packed(path, vectors, disclosure=[e.disclosure for e in exemplars],
                 category=[e.category for e in exemplars], source=[e.source for e in exemplars])


def read_packed_exemplars(path: Path) -> tuple[list[Exemplar], Any] | None:
    """The exemplars and vectors `write_packed_exemplars` wrote (None: no readable file, or
    one written before exemplars had sources)."""
    from ..safety.detector import Exemplar

    found = read_packed(path, "disclosure", "category", "source")
    if found is None:
        return None
    vectors, disclosure, category, source = found
    exemplars = [Exemplar("", c, d, source=s) for c, d, s in
                 zip(category.tolist(), disclosure.tolist(), source.tolist(), strict=True)]
    return exemplars, vectors
