from pathlib import Path

import pytest

from summarize.backends.embedded import EmbeddedBackend
from summarize.backends.remote import OPENAI_BASE_URL, RemoteBackend
from summarize.config import ModelOptions, reproducible, resolve_backend
from summarize.errors import ConfigError


def test_nothing_set_means_the_embedded_model() -> None:
    backend = resolve_backend(ModelOptions(), env={})
    assert isinstance(backend, EmbeddedBackend) and backend.model_path is None


def test_flag_beats_summarize_env_beats_openai_env() -> None:
    env = {"SUMMARIZE_BASE_URL": "http://s/v1", "OPENAI_BASE_URL": "http://o/v1",
           "SUMMARIZE_MODEL": "env-model", "OPENAI_API_KEY": "k-openai", "SUMMARIZE_API_KEY": "k-sum"}
    backend = resolve_backend(ModelOptions(), env=env)
    assert isinstance(backend, RemoteBackend)
    assert (backend.base_url, backend.model, backend.api_key) == ("http://s/v1", "env-model", "k-sum")
    flagged = resolve_backend(ModelOptions(base_url="http://f/v1", model="flag-model", api_key="k-flag"), env=env)
    assert (flagged.base_url, flagged.model, flagged.api_key) == ("http://f/v1", "flag-model", "k-flag")
    only_openai = resolve_backend(ModelOptions(model="m"), env={"OPENAI_BASE_URL": "http://o/v1"})
    assert only_openai.base_url == "http://o/v1" and only_openai.api_key == "unused"


def test_an_openai_key_alone_means_openai() -> None:
    backend = resolve_backend(ModelOptions(), env={"OPENAI_API_KEY": "sk-x"})
    assert backend.base_url == OPENAI_BASE_URL and backend.model == "gpt-4o-mini"


def test_model_path_runs_a_local_file(tmp_path: Path) -> None:
    gguf = tmp_path / "other.gguf"
    gguf.write_bytes(b"GGUF")
    backend = resolve_backend(ModelOptions(model_path=gguf, threads=1, context=2048), env={})
    assert isinstance(backend, EmbeddedBackend)
    assert (backend.model_path, backend.threads, backend.slot_context) == (gguf, 1, 2048)


@pytest.mark.parametrize(("options", "env", "message"), [
    (ModelOptions(model_path=Path("/nope.gguf")), {}, "no such model file"),
    (ModelOptions(base_url="localhost:8080"), {}, "must start with http"),
    (ModelOptions(base_url="http://h/v1"), {}, "no model name"),
    (ModelOptions(model="llama3"), {}, "needs an endpoint"),
    (ModelOptions(), {"SUMMARIZE_PARALLEL": "two"}, "not a whole number"),
])
def test_config_errors_say_how_to_fix(options: ModelOptions, env: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        resolve_backend(options, env=env)
    assert message in str(info.value)


def test_evals_pin_the_embedded_model_to_one_slot_unless_told() -> None:
    assert reproducible(ModelOptions(), env={}).parallel == 1
    assert reproducible(ModelOptions(parallel=3), env={}).parallel == 3
    assert reproducible(ModelOptions(), env={"SUMMARIZE_PARALLEL": "2"}).parallel is None  # resolved later: 2
    remote = ModelOptions(base_url="http://127.0.0.1:9/v1", model="m")
    assert reproducible(remote, env={}).parallel is None  # a remote endpoint keeps its 8
    assert resolve_backend(reproducible(ModelOptions(), env={}), env={}).parallel == 1
