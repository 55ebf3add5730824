"""Entry point of the main job: the web UI on the indexed corpus (http://127.0.0.1:7860 by default).

Configuration comes from CA_* environment variables (see README); `make run` ingests the corpus first.
"""

from assistant.app.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["ui"]))
