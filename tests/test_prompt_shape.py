"""The system prompt's shape line shows the model the very keys the response schema holds
it to: a key renamed in one and not the other leaves the 1.5B model copying the shape's
keys against a grammar that forbids them (and the key names move its replies: "by" and
"against" for the allegation roles cost the shared benchmark 0.08)."""

import json

from summarize.draft import Draft
from summarize.prompting import PromptSet


def prompt_shape() -> dict:
    """The shape line of the system prompt, parsed."""
    line = next(line for line in PromptSet.load().system_prompt().splitlines() if line.startswith('{"actors"'))
    return json.loads(line)


def _item_keys(section: str) -> list[str]:
    schema = Draft.model_json_schema()
    ref = schema["properties"][section]["items"]["$ref"].rsplit("/", 1)[-1]
    return list(schema["$defs"][ref]["properties"])


def test_each_item_of_the_shape_has_the_schemas_keys_in_its_order() -> None:
    shape = prompt_shape()
    for section in ("actors", "allegations", "denials", "outcomes"):
        for item in shape[section]:
            assert list(item) == _item_keys(section), section
