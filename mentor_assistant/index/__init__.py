"""The index: the guide split, embedded and stored in Chroma, kept fresh.

Offers `chunking` (heading-aware chunks with stable ids), `embeddings` (the offline
MiniLM embedder and an OpenAI-compatible one), `store` (the Chroma client and the index
state), `build` (a new generation of the index, embedding only what changed), `indexing`
(the index command's glue), `lexical` (BM25) and `sentences`.
"""
