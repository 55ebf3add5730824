"""App: the thin layers people use. The command line, the Gradio web UI and its views, document browsing,
brief export (Markdown, PDF, DOCX) and feedback; all built from the library through :mod:`assistant.wiring`."""
