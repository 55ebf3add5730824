"""Start the web UI (same as `convention-assistant ui`)."""

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["ui"]))
