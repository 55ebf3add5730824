"""Compare: one treaty against another. The article alignment computed from the texts, reviewed overrides and
the cache, paragraph word diffs, and the crosswalk that brings counterparts into comparison answers."""
