"""The static bundle `build` writes: complete when it can be, one plain warning when not."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import ROOT, make_settings

from mentor_assistant.cli import main
from mentor_assistant.guide.config import load_guide_config
from mentor_assistant.web import static_bundle
from mentor_assistant.web.static_bundle import write_bundle


def test_a_bundle_lists_every_file_with_its_digest(fixture_guide: Path, fixture_index: Path,
                                                   tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "assistant-config.json").write_text('{"api": null}', encoding="utf-8")
    settings = make_settings(fixture_guide, fixture_index)
    report = write_bundle(site, settings, load_guide_config(fixture_guide))
    assert report.warning is None
    bundle = site / "assistant-bundle"
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == 1
    assert sorted(manifest["files"]) == sorted(p.name for p in bundle.iterdir()
                                               if p.name != "manifest.json")
    for name, entry in manifest["files"].items():
        data = (bundle / name).read_bytes()
        assert entry == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert {"model.onnx", "vocab.txt", "ort.wasm.min.js", "ort-wasm-simd-threaded.wasm",
            "LICENSE-onnxruntime-web.txt", "retrieval.json", "vectors.bin"} \
        <= set(manifest["files"])
    assert json.loads((site / "assistant-config.json").read_text())["bundle"] == "assistant-bundle/"


def test_a_missing_index_leaves_no_bundle_and_says_what_to_do(fixture_guide: Path,
                                                               tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    settings = make_settings(fixture_guide, tmp_path / "no-index")
    report = write_bundle(site, settings, load_guide_config(fixture_guide))
    assert "mentor-assistant index" in report.warning
    assert not (site / "assistant-bundle").exists()


def test_build_without_the_runtime_warns_once_and_still_builds(
        fixture_guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pin = tmp_path / "pin.json"
    pin.write_text(json.dumps({**static_bundle.runtime_pin(), "version": "0.0.0-absent"}))
    monkeypatch.setattr(static_bundle, "RUNTIME_PIN", pin)
    result = CliRunner().invoke(main, ["build", "--config", str(fixture_guide)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "scripts/bootstrap.sh" in warnings[0]
    assert "Traceback" not in result.output
    site = load_guide_config(fixture_guide).site_dir
    assert (site / "index.html").is_file() and not (site / "assistant-bundle").exists()


def test_int8_vectors_keep_every_golden_top_section(guide_index: Path, guide,
                                                    tmp_path: Path) -> None:
    """Quantised text and question vectors rank the same first chunk as the float ones."""
    from mentor_assistant.answers.assistant import Assistant
    from mentor_assistant.answers.retrieval import mean_of_best_two
    from mentor_assistant.evals.evaluation import load_golden
    from mentor_assistant.web.static_bundle import BundleContext, find_runtime
    from mentor_assistant.web.static_index import write_retrieval

    settings = make_settings(ROOT / "mkdocs.yml", guide_index)
    assistant = Assistant(settings, guide).load()
    write_retrieval(tmp_path, BundleContext(settings, guide, find_runtime(settings) or tmp_path))
    data = json.loads((tmp_path / "retrieval.json").read_text(encoding="utf-8"))
    raw = (tmp_path / "vectors.bin").read_bytes()
    rows, dimension = data["vectors"]["rows"], data["vectors"]["dimension"]
    scales = np.frombuffer(raw[:rows * 4], dtype="<f4")
    matrix = np.frombuffer(raw[rows * 4:], dtype=np.int8).reshape(rows, dimension) * scales[:, None]
    chunks = len(data["chunks"])
    asked_rows = np.array([link[0] for link in data["questions"] for _ in link[1:]])
    chunk_rows = np.array([row for link in data["questions"] for row in link[1:]])
    questions = [q.question for q in load_golden()]
    vectors = assistant.embedder.embed([assistant.aliases.expand(q) for q in questions])
    changed = []
    for question, vector in zip(questions, vectors, strict=True):
        exact = assistant.index.similarities(vector)
        asked = mean_of_best_two(matrix[asked_rows] @ vector, chunk_rows, chunks)
        quantised = np.maximum(matrix[:chunks] @ vector, asked)
        if int(np.argmax(exact)) != int(np.argmax(quantised)):
            changed.append(question)
    assert not changed, f"int8 changed the top chunk of {len(changed)} questions: {changed}"
