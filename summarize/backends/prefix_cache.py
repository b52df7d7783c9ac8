"""Keep the KV cache of the static system prompt on disk between runs.

Prompt evaluation runs at ~60 tokens/s on two cores, so the ~550-token system
prompt costs ~9 s on every `summarize run`. llama.cpp can save a slot's KV
cache to a file and restore it: the first run evaluates the system prompt once
(in the slot the real request then uses) and saves it; later runs restore it
into every slot in milliseconds, and the server reuses the common prefix.
It is only an optimisation: any failure leaves the server as it was.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import urllib.request
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def prefix_file(model_path: Path, system_prompt: str, slot_context: int, slots: int, settings: str) -> str:
    """One file per model, prompt, server shape and settings: llama.cpp refuses (HTTP 400) to
    restore a slot saved by a server with a different number of slots."""
    stat = model_path.stat()
    fields = (model_path.resolve(), stat.st_size, stat.st_mtime_ns, slot_context, slots, settings, system_prompt)
    key = hashlib.sha256("\0".join(map(str, fields)).encode()).hexdigest()[:24]
    return f"prefix-{key}.bin"


def _slot_action(base: str, slot: int, action: str, filename: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{base}/slots/{slot}?action={action}",
        data=json.dumps({"filename": filename}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - 127.0.0.1 only
        return json.loads(response.read())


def warm(server: Any, directory: Path, filename: str, system_prompt: str, slots: int) -> bool:
    """Restore the saved prefix into every slot, or compute and save it. True on success."""
    base = server.listening_address.rstrip("/")
    try:
        if not (directory / filename).is_file():
            server.handle_chat_completions({
                "messages": [{"role": "system", "content": system_prompt}, {"role": "user", "content": "."}],
                "max_tokens": 1, "id_slot": 0, "cache_prompt": True,
            })
            partial = f"{filename}.{os.getpid()}.part"
            _slot_action(base, 0, "save", partial)
            os.replace(directory / partial, directory / filename)  # readers never see half a file
            first = 1
        else:
            first = 0
        for slot in range(first, slots):
            _slot_action(base, slot, "restore", filename)
        return True
    except Exception as exc:  # noqa: BLE001 - an optimisation must never break a run
        log.debug("prefix cache unavailable: %s", exc)
        return False
