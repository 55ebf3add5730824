"""Retrieve: from a question to ranked passages. Query analysis (article references, scope, comparisons),
pure rank fusion, and the hybrid BM25 + dense retriever over one index snapshot."""
