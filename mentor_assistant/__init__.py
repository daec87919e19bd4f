"""Mentor assistant: the self-serve mentoring kit's library.

The stages are content -> chunking -> embeddings -> index -> retrieval -> answer
and agenda. This first layer loads and checks the guide and builds its site.
"""

from __future__ import annotations

__version__ = "0.1.0"
