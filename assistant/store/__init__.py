"""Store: chunks with their vectors. The embedding model, the Chroma index (local or server) with its
ingest pipeline and state record, and the atomic snapshots that readers see."""
