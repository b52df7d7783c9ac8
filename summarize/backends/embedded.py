"""The default model, served in-process by xllamacpp on 127.0.0.1 with a free port.

The tool talks to it over HTTP through the same openai + instructor path as to
any remote endpoint, so the embedded and remote paths cannot drift apart.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.backends import prefix_cache
from summarize.backends.base import Endpoint
from summarize.backends.weights import MODEL_NAME, assemble, cache_dir
from summarize.errors import ModelUnavailableError

DEFAULT_SLOT_CONTEXT = 8192
# Flash attention off: on this 2-core CPU llama.cpp's flash-attention kernel made each
# generated token of the pipeline's 1,186-token request cost 140-145 ms, against 110-112
# with it off (timed on the seed article, two runs each, in commit 32f4dd3's history; the
# naive 476-token request 126-131 either way). "auto", the default, turns it on for CPUs.
# Over the shared benchmark the pipeline's median seconds per article went from 1.10x
# the naive approach's to 0.90x (benchmarks/set_latency.py).
FLASH_ATTENTION = 0  # llama_flash_attn_type: -1 auto, 0 off, 1 on
# Server settings that change the replies' numerics: part of the reply cache's key and
# of the saved prefix's file name (a KV cache laid out for flash attention is not
# the one without).
SETTINGS = f"flash_attn={FLASH_ATTENTION}"


def default_threads() -> int:
    return max(1, os.cpu_count() or 1)


def default_parallel() -> int:
    """Two slots let passes and articles overlap; more only pay off with more cores."""
    return max(2, min(4, (os.cpu_count() or 1) // 2))


@dataclass
class EmbeddedBackend:
    model_path: Path | None = None  # None: the packaged Qwen2.5-Coder-1.5B-Instruct
    threads: int | None = None
    slot_context: int | None = None
    parallel: int | None = None
    _server: Any = None
    _path: Path | None = None
    _slot_context: int = DEFAULT_SLOT_CONTEXT
    _parallel: int = 1

    def start(self) -> Endpoint:
        try:
            import xllamacpp
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelUnavailableError(
                f"the embedded backend needs xllamacpp ({exc}); reinstall summarize "
                "or point it at a server with --base-url"
            ) from None
        path = self.model_path or assemble()
        if not path.is_file():
            raise ModelUnavailableError(f"{path}: no such model file; pass an existing .gguf file")
        parallel = self.parallel or default_parallel()
        slot_context = self.slot_context or DEFAULT_SLOT_CONTEXT
        threads = self.threads or default_threads()
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_parallel = parallel
        params.n_ctx = slot_context * parallel
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.hostnames = ["127.0.0.1"]
        params.port = 0
        params.verbosity = -1
        params.warmup = False
        params.sampling.temp = 0.0
        params.flash_attn_type = FLASH_ATTENTION
        # Reuse cached chunks of 32+ tokens past the first difference: a reply continued
        # after a cut repeat (repeats.py) re-sends the model's own tokens as a prefill,
        # whose first token the chat template splits differently; without this the
        # whole prefill is evaluated again (measured: 117 tokens, 1.8 s, instead of 1).
        params.n_cache_reuse = 32
        slots_dir = cache_dir() / "slots"
        slots_dir.mkdir(parents=True, exist_ok=True)
        params.slot_save_path = f"{slots_dir}{os.sep}"  # llama.cpp appends the file name as is
        try:
            self._server = xllamacpp.Server(params)
        except Exception as exc:  # xllamacpp raises plain RuntimeError on a bad file
            raise ModelUnavailableError(
                f"{path}: could not be loaded as a GGUF model ({exc}); pass a valid .gguf file"
            ) from None
        self._path, self._slot_context, self._parallel = path, slot_context, parallel
        model = MODEL_NAME if self.model_path is None else path.stem
        return Endpoint(
            base_url=self._server.listening_address.rstrip("/") + "/v1",
            api_key="embedded",
            model=model,
            backend="embedded",
            context_tokens=slot_context,
            parallel=parallel,
            continues_replies=True,
            settings=SETTINGS,
        )

    def warm(self, system_prompt: str) -> bool:
        """Have the static system prompt's KV cache ready in every slot (prefix_cache.py)."""
        if self._server is None or self._path is None:
            return False
        filename = prefix_cache.prefix_file(
            self._path, system_prompt, self._slot_context, self._parallel, SETTINGS
        )
        return prefix_cache.warm(self._server, cache_dir() / "slots", filename, system_prompt, self._parallel)

    def close(self) -> None:
        """Stop the server thread; xllamacpp stops it when the object is freed."""
        self._server = None
        gc.collect()
