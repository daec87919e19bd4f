"""Mentor assistant: the self-serve mentoring kit's library.

Each folder is a stage, and imports run one way, from the faces down: `cli` ->
`evals` -> `web` -> `agendas` -> `answers` -> `index` -> `guide` -> `safety`, with
`errors`, `problems`, `settings` and `llm` shared by all (the README's "How it fits
together" follows one question through them).
"""

from __future__ import annotations

__version__ = "0.1.0"
