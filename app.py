"""Entry point of the main job. The Gradio web UI (issue 3) is not built yet: until it lands this
starts the interactive command-line chat over the same library."""

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["chat"]))
