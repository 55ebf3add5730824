"""Eval: measuring the library. Metrics per question, the run over the question set with baselines and
ablations, the alignment scored against gold, and the report with its gate."""
