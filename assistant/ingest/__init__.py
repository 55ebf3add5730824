"""Ingest: from files to chunks. The manifest and loaders (txt, md, pdf, html, docx), the UN-PDF clean-up,
treaty structure and chunking, token counts, fetching missing documents, and `corpus check`."""
