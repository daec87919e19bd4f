"""The index in a real embedded Chroma: incremental, versioned and crash-safe."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from conftest import ROOT, build_test_index, edit_page, make_settings

from mentor_assistant.answers.assistant import Assistant
from mentor_assistant.errors import ContentError, IndexMissingError, ModelError
from mentor_assistant.guide.config import load_guide_config
from mentor_assistant.guide.content import list_page_files
from mentor_assistant.index.build import build_index
from mentor_assistant.index.embeddings import MiniLMEmbedder
from mentor_assistant.index.store import (
    LABELLED_PREFIX,
    SAFETY_SUFFIX,
    StoreSettings,
    open_client,
    read_state,
    stale_generations,
)


class CountingEmbedder:
    """The real embedder, counting what it is asked to embed."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.inner = MiniLMEmbedder()
        self.name, self.dimension = self.inner.name, self.inner.dimension
        self.texts: list[str] = []
        self.fail_after = fail_after

    @property
    def chunk_texts(self) -> list[str]:
        """Chunks embed as 'Title > Heading' then text; quotable sentences are one line."""
        return [text for text in self.texts if "\n" in text]

    def embed(self, texts):
        if self.fail_after is not None and len(self.texts) >= self.fail_after:
            raise ModelError("the embedder broke down mid-build", "try again")
        self.texts += list(texts)
        return self.inner.embed(texts)


def build(config_file: Path, index_dir: Path, embedder=None, full: bool = False):
    return build_index(load_guide_config(config_file), embedder or CountingEmbedder(),
                       StoreSettings(index_dir), full=full)


def search_paths(config_file: Path, index_dir: Path, query: str) -> list[str]:
    assistant = Assistant(make_settings(config_file, index_dir)).load()
    return [f"{h.path}#{h.anchor}" for h in assistant.search(query, 5)]


def test_first_build_adds_everything(fixture_guide: Path, tmp_path: Path) -> None:
    embedder = CountingEmbedder()
    summary = build(fixture_guide, tmp_path / "ix", embedder)
    assert summary.pages == 3 and summary.chunks == summary.added == len(embedder.chunk_texts)
    assert len(embedder.texts) > len(embedder.chunk_texts)  # quotable sentences too
    assert summary.updated == summary.removed == summary.unchanged == 0
    state = read_state(open_client(StoreSettings(tmp_path / "ix")))
    assert state.embedder == "all-MiniLM-L6-v2-int8" and state.dimension == 384
    assert state.chunks == summary.chunks and state.pages == 3


def test_unchanged_guide_embeds_nothing(fixture_guide: Path, tmp_path: Path) -> None:
    build(fixture_guide, tmp_path / "ix")
    embedder = CountingEmbedder()
    summary = build(fixture_guide, tmp_path / "ix", embedder)
    assert embedder.texts == [] and summary.unchanged == summary.chunks
    assert summary.added == summary.updated == summary.removed == 0


def test_an_edit_re_embeds_only_that_section(fixture_guide: Path, tmp_path: Path) -> None:
    build(fixture_guide, tmp_path / "ix")
    edit_page(fixture_guide, "mentors/trust.md", "Small promises kept matter more",
              "Small promises kept, like sending the article you mentioned, matter more")
    embedder = CountingEmbedder()
    summary = build(fixture_guide, tmp_path / "ix", embedder)
    assert summary.updated == 1 and summary.added == 0 and summary.removed == 0
    assert len(embedder.chunk_texts) == 1 and "sending the article" in embedder.chunk_texts[0]
    assert all("\n" in t or "article" in t for t in embedder.texts)  # that section's sentences
    assert search_paths(fixture_guide, tmp_path / "ix", "send the article you mentioned")[0] \
        == "mentors/trust.md#keeping-promises"


def test_re_indexing_leaves_no_folders_of_deleted_generations(
        fixture_guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    index_dir = Path("ix")  # relative, as the README's commands give it
    before = "Small promises kept"
    for n in range(3):
        edit_page(fixture_guide, "mentors/trust.md", before, f"Small promises ({n}) kept")
        before = f"Small promises ({n}) kept"
        build(fixture_guide, index_dir)
    (index_dir / "notes").mkdir()  # not Chroma's: left alone
    build(fixture_guide, index_dir, full=True)
    with closing(sqlite3.connect(index_dir / "chroma.sqlite3")) as connection:
        live = {row[0] for row in connection.execute("SELECT id FROM segments")}
    folders = {p.name for p in index_dir.iterdir() if p.is_dir()}
    assert folders - live == {"notes"}
    assert len(list(index_dir.glob("*.npz"))) <= 2  # packed exemplars: current and previous
    assert search_paths(fixture_guide, index_dir, "keep small promises")


def test_safety_exemplars_load_from_their_packed_file(fixture_guide: Path,
                                                      tmp_path: Path) -> None:
    help_dir = fixture_guide.parent / "docs" / "help"
    help_dir.mkdir()
    (help_dir / "safety-exemplars.yml").write_text(
        'disclosures:\n  suicide:\n    - "nobody would miss me if i was gone"\n'
        '    - "she said she has a plan to end her life"\n'
        '  bullying:\n    - "the kids in her class push her around every day"\n'
        'lookalikes:\n  - "this deadline is killing me"\n'
        '  - "how long should our sessions be"\n', encoding="utf-8")
    index_dir = tmp_path / "ix"
    build(fixture_guide, index_dir)
    state = read_state(open_client(StoreSettings(index_dir)))
    packed = index_dir / f"{state.collection}{SAFETY_SUFFIX}.npz"
    assert packed.is_file()
    settings = make_settings(fixture_guide, index_dir)
    texts = ["i think everyone would be better off without me", "this report is killing me",
             "they shove her around at school"]
    from_file = [c.score for c in Assistant(settings).load().safety.check_many(texts)]
    packed.unlink()
    from_chroma = [c.score for c in Assistant(settings).load().safety.check_many(texts)]
    assert from_file == pytest.approx(from_chroma, abs=1e-4)
    build(fixture_guide, index_dir)  # nothing changed: the missing file is written again
    assert packed.is_file()
    packed.write_bytes(b"not a matrix")  # a damaged file: Chroma's copy is read instead
    damaged = [c.score for c in Assistant(settings).load().safety.check_many(texts)]
    assert damaged == pytest.approx(from_chroma, abs=1e-4)
    generations = [state.collection]
    for n in range(2):  # each edit makes a generation; only the last two keep their file
        with (help_dir / "safety-exemplars.yml").open("a", encoding="utf-8") as handle:
            handle.write(f'  - "a rota question number {n}"\n')
        build(fixture_guide, index_dir)
        generations.append(read_state(open_client(StoreSettings(index_dir))).collection)
    assert {p.name for p in index_dir.glob("*.npz")} \
        == {f"{name}{SAFETY_SUFFIX}.npz" for name in generations[-2:]} | {f"{state.labelled}.npz"}


def test_the_labelled_sets_are_embedded_once_and_outlive_generations(fixture_guide: Path,
                                                                   tmp_path: Path) -> None:
    """With an exemplars file, the labelled safety sets join the index in a collection of
    their own, named by the embedder and the cases: a page edit or a new guide exemplar
    makes a new generation but embeds none of them again, and a collection a killed build
    left short is completed by embedding only what it lacks."""
    help_dir = fixture_guide.parent / "docs" / "help"
    help_dir.mkdir()
    exemplars = help_dir / "safety-exemplars.yml"
    exemplars.write_text('disclosures:\n  suicide:\n    - "she has a plan to end her life"\n'
                         'lookalikes:\n  - "this deadline is killing me"\n', encoding="utf-8")
    index_dir = tmp_path / "ix"
    first = CountingEmbedder()
    build(fixture_guide, index_dir, first)
    client = open_client(StoreSettings(index_dir))
    state = read_state(client)
    labelled = client.get_collection(state.labelled)
    rows = labelled.count()
    assert state.labelled.startswith(LABELLED_PREFIX) and rows > 10_000
    assert (index_dir / f"{state.labelled}.npz").is_file()
    assert len(first.texts) > rows
    loaded = Assistant(make_settings(fixture_guide, index_dir)).load().safety
    assert len(loaded.labelled.disclosures) + len(loaded.labelled.lookalikes) == rows

    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.", "Trust grows slowly.")
    with exemplars.open("a", encoding="utf-8") as handle:
        handle.write('  - "a rota question"\n')
    later = CountingEmbedder()
    build(fixture_guide, index_dir, later)
    client = open_client(StoreSettings(index_dir))
    after = read_state(client)
    assert after.collection != state.collection and after.labelled == state.labelled
    assert client.get_collection(after.labelled).id == labelled.id
    assert len(later.texts) < 50  # the edited section, its sentences and the new exemplar

    ids = labelled.get(limit=3, include=[])["ids"]
    labelled.delete(ids=ids)  # as a build killed while writing them would leave it
    repair = CountingEmbedder()
    build(fixture_guide, index_dir, repair)
    client = open_client(StoreSettings(index_dir))
    assert client.get_collection(after.labelled).count() == rows
    assert len(repair.texts) == 3


def test_removed_sections_and_pages_disappear(fixture_guide: Path, tmp_path: Path) -> None:
    build(fixture_guide, tmp_path / "ix")
    edit_page(fixture_guide, "mentors/trust.md", "## Repairing a breach", "Also on breaches:")
    (fixture_guide.parent / "docs" / "sessions" / "check-in.md").unlink()
    summary = build(fixture_guide, tmp_path / "ix")
    assert summary.removed >= 6  # the check-in page's sections and one of trust's
    found = search_paths(fixture_guide, tmp_path / "ix", "progress on actions check-in agenda")
    assert not any(path.startswith("sessions/") for path in found)
    assert "mentors/trust.md#repairing-a-breach" not in found


def test_a_new_embedder_or_chunker_rebuilds(fixture_guide: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    build(fixture_guide, tmp_path / "ix")
    other = CountingEmbedder()
    other.name = "another-model"
    summary = build(fixture_guide, tmp_path / "ix", other)
    assert "embedder changed" in summary.rebuilt_because and summary.added == summary.chunks
    import mentor_assistant.index.build as index_module

    monkeypatch.setattr(index_module, "CHUNKER_VERSION", "999")
    summary = build(fixture_guide, tmp_path / "ix", other)
    assert "chunker changed" in summary.rebuilt_because


def test_a_failed_build_keeps_the_previous_index(fixture_guide: Path, tmp_path: Path) -> None:
    build(fixture_guide, tmp_path / "ix")
    before = search_paths(fixture_guide, tmp_path / "ix", "repairing a breach")
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.", "Trust takes years.")
    with pytest.raises(ModelError):
        build(fixture_guide, tmp_path / "ix", CountingEmbedder(fail_after=0), full=True)
    assert search_paths(fixture_guide, tmp_path / "ix", "repairing a breach") == before
    edit_page(fixture_guide, "mentors/trust.md", "tags: [trust]", "tags: [trust")
    with pytest.raises(ContentError, match="mentors/trust.md:6"):
        build(fixture_guide, tmp_path / "ix")
    assert search_paths(fixture_guide, tmp_path / "ix", "repairing a breach") == before


def test_a_killed_build_keeps_the_previous_index(fixture_guide: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    build(fixture_guide, index_dir)
    before = read_state(open_client(StoreSettings(index_dir)))
    docs = fixture_guide.parent / "docs"
    shutil.rmtree(docs)
    shutil.copytree(ROOT / "guide_content", docs)  # a big guide: the build takes seconds
    fixture_guide.write_text(fixture_guide.read_text().split("nav:")[0])
    process = subprocess.Popen(
        [sys.executable, "-m", "mentor_assistant", "index", "-q", "--config", str(fixture_guide),
         "--index-dir", str(index_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ})
    time.sleep(4.0)
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGKILL)
    process.wait()
    client = open_client(StoreSettings(index_dir))
    assert read_state(client) == before
    assert Assistant(make_settings(fixture_guide, index_dir)).load().search("trust", 3)
    summary = build_test_index(fixture_guide, index_dir)  # the next build completes and tidies
    client = open_client(StoreSettings(index_dir))
    # the killed build's generation is gone; the one before stays
    assert summary.pages == len(list_page_files(docs)) - 2  # the Ask and Plan pages are left out
    assert stale_generations(client, read_state(client).collection, before.collection) == []


def test_asking_without_an_index_says_what_to_do(fixture_guide: Path, tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="no index") as caught:
        Assistant(make_settings(fixture_guide, tmp_path / "empty")).load()
    assert "mentor-assistant index" in caught.value.fix


def test_a_damaged_index_folder_is_a_clear_error(fixture_guide: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(IndexMissingError) as caught:
        Assistant(make_settings(fixture_guide, index_dir)).load()
    assert "mentor-assistant index" in caught.value.fix


def test_an_index_with_more_sentences_than_chroma_reads_at_once_loads(tmp_path: Path) -> None:
    """A big guide's 50,000 quotable sentences: written in batches, read back in pages."""
    import numpy as np

    from mentor_assistant.answers.retrieval import LoadedIndex
    from mentor_assistant.index.build import _stored_vectors, _write_sentences
    from mentor_assistant.index.store import (
        IndexState,
        StoreSettings,
        open_client,
        sentence_collection,
    )

    client = open_client(StoreSettings(tmp_path / "ix"))
    chunks = client.create_collection("guide-1", embedding_function=None)
    chunks.add(ids=["c0"], documents=["Trust takes time."], embeddings=np.ones((1, 8)),
               metadatas=[{"path": "p.md", "title": "T", "heading": "H", "anchor": "",
                           "url": "p/", "audience": "mentor", "heading_path": "H"}])
    sentences = [type("S", (), {"id": f"c0:{n}", "parent": "c0"})() for n in range(50_000)]
    vectors = np.random.default_rng(1).random((50_000, 8), dtype=np.float32)
    _write_sentences(client, "guide-1", sentences, vectors)
    state = IndexState("guide-1", "e", 8, "1", "f", 0.0, 1, 1)
    loaded = LoadedIndex(chunks, state, sentence_collection(client, state))
    assert len(loaded.sentences["c0"]) == 50_000
    assert np.allclose(loaded.sentences["c0"][49_999], vectors[49_999])
    assert len(_stored_vectors(client, "guide-1-sentences")) == 50_000


def test_a_state_written_before_the_labelled_sets_still_reads(tmp_path: Path) -> None:
    """An index built by an earlier version has no ``labelled`` entry: it stays current,
    and its safety check uses the guide's exemplars until the next build adds the sets."""
    from dataclasses import asdict

    from mentor_assistant.index.store import META_COLLECTION, IndexState, labelled_collection

    client = open_client(StoreSettings(tmp_path / "ix"))
    older = {k: v for k, v in asdict(IndexState("guide-1", "e", 8, "1", "f", 0.0, 1, 1)).items()
             if k != "labelled"}
    client.get_or_create_collection(META_COLLECTION, embedding_function=None).modify(
        metadata=older)
    state = read_state(client)
    assert state == IndexState("guide-1", "e", 8, "1", "f", 0.0, 1, 1) and state.labelled == ""
    assert labelled_collection(client, state) is None
