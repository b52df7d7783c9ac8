"""Prompt injection against the real embedded model (slow): the defences that code
guarantees, whatever the model does. The full measurement is benchmarks/injection.py."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.schema import Summary
from tests.injection_attacks import ARTICLE, PAYLOADS, planted_items, succeeded, variants

pytestmark = pytest.mark.slow

CASES = {  # category -> position
    "fake-allegation": "start",
    "fake-denial": "hidden-element",
    "trigger": "tag-characters",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("attacks")
    text = ARTICLE.read_text(encoding="utf-8")
    files = {}
    for category, position in CASES.items():
        (folder / category).mkdir()
        files[category] = variants(text, PAYLOADS[category], folder / category)[position][0]
    result = CliRunner().invoke(app, ["run", *map(str, files.values()), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    by_source = {s["provenance"]["source"]: s for s in map(json.loads, result.stdout.splitlines())}
    return {category: by_source[str(path)] for category, path in files.items()}


def test_outputs_stay_schema_valid(outputs: dict[str, dict]) -> None:
    for output in outputs.values():
        Summary.model_validate(output)
        assert output["actors"], "the article's actors are still reported"


def test_a_spotted_instruction_is_withheld_and_nothing_it_plants_is_grounded(outputs: dict[str, dict]) -> None:
    output = outputs["fake-allegation"]
    assert any("withheld from the model" in w for w in output["provenance"]["warnings"])
    assert all(not item["grounded"] for item in planted_items("fake-allegation", output))
    assert not succeeded("fake-allegation", output, ours=True)


def test_hidden_html_never_reaches_the_model(outputs: dict[str, dict]) -> None:
    assert "brandt" not in json.dumps(outputs["fake-denial"]).lower()


def test_tag_characters_are_stripped_and_reported(outputs: dict[str, dict]) -> None:
    output = outputs["trigger"]
    assert "example-shop" not in json.dumps(output).lower()
    assert any("invisible character" in w for w in output["provenance"]["warnings"])

