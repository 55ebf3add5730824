"""Run the eval set (same as `convention-assistant eval`): the system, the baselines and the ablations,
a Markdown + HTML + JSON report with plots under evals/reports/latest, and an optional regression gate.

    python -m evals.run [--fast] [--gate] [--generative N] [--out DIR]
"""

from assistant.app.cli import main

if __name__ == "__main__":
    import sys

    raise SystemExit(main(["eval", *sys.argv[1:]]))
