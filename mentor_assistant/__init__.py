"""Mentor assistant: the self-serve mentoring kit's library.

The stages are content -> chunking -> embeddings -> index -> retrieval -> answer
and agenda; `server` puts them on the web next to the guide's static site.
"""

from __future__ import annotations

__version__ = "0.1.0"
