"""Store: chunks with their vectors. The embedding models and the embedder, the Chroma index (local or server)
with its ingest pipeline and state record, the atomic snapshots that readers see, and the read-out of each
published snapshot that questions read instead of Chroma."""
