"""Retrieval: bundled corpus, chunking by 条/section, Chroma store, BM25, hybrid fusion, citations."""
