"""A reply that starts repeating a list item is cut there and continued (repeats.py)."""

from __future__ import annotations

import asyncio
import json

from summarize.backends.base import Endpoint
from summarize.draft import Draft
from summarize.extraction import Extractor, RequestOptions
from summarize.repeats import RepeatWatch, continuation_grammar
from tests.fake_openai import FakeOpenAI

ACTOR = {"name": "Ana Ruiz", "kind": "person", "role": "mayor"}
CHARGE = {"accusers": ["The Ledger"], "accused": ["Ana Ruiz"],
          "claim": 'took "gifts" {worth} \\ 9,000', "sentences": [2]}
OTHER = {**CHARGE, "claim": "hid the gifts", "sentences": [3]}
DENIAL = {"deniers": ["Ana Ruiz"], "denies": 1, "claim": "took gifts", "sentences": [4]}


def pretty(head: str, items: list[dict]) -> str:
    """The reply up to and including ``items`` of list ``head``, laid out as the model does."""
    lead = '{\n  "actors": [\n    ' + json.dumps(ACTOR) + "\n  ]"
    if head == "actors":
        lead = '{\n  "actors": ['
    else:
        lead += f',\n  "{head}": ['
    return lead + ",".join("\n    " + json.dumps(item, indent=2) for item in items)


def watch_all(text: str, step: int) -> tuple[RepeatWatch, object]:
    watch = RepeatWatch()
    for start in range(0, len(text), step):
        if (repeat := watch.feed(text[start:start + step])) is not None:
            return watch, repeat
    return watch, None


def test_an_item_equal_to_the_one_before_is_a_repeat_however_the_text_arrives() -> None:
    text = pretty("allegations", [CHARGE, CHARGE, CHARGE])
    first_end = len(pretty("allegations", [CHARGE]))
    for step in (1, 3, len(text)):
        _, repeat = watch_all(text, step)
        assert repeat is not None, step
        assert repeat.key == "allegations" and repeat.keep == first_end
        assert text[: repeat.keep].endswith("}")


def test_different_or_apart_items_are_not_repeats() -> None:
    _, repeat = watch_all(pretty("allegations", [CHARGE, OTHER, CHARGE]) + "\n  ]\n}", 5)
    assert repeat is None


def test_nested_lists_and_strings_are_not_items() -> None:
    """Names inside an item's own lists, and braces or quotes inside strings, are no items."""
    item = {**CHARGE, "accusers": ["The Ledger", "The Ledger"], "claim": "}, {"}
    _, repeat = watch_all(pretty("allegations", [item]) + "\n  ]\n}", 2)
    assert repeat is None


def test_a_repeat_in_the_first_list_names_that_list() -> None:
    _, repeat = watch_all(pretty("actors", [ACTOR, {**ACTOR, "name": "Tom Ruiz"}, {**ACTOR, "name": "Tom Ruiz"}]), 7)
    assert repeat is not None and repeat.key == "actors"


def test_the_continuation_grammar_closes_the_list_and_asks_for_the_later_lists_only() -> None:
    schema = Draft.model_json_schema()
    grammar = continuation_grammar(schema, "allegations")
    start = next(line for line in grammar.splitlines() if line.startswith("start:"))
    assert start.startswith('start: WS "]"') and start.endswith('WS "}"')
    assert start.index('\\"denials\\"') < start.index('\\"outcomes\\"')
    assert "allegations" not in start and "actors" not in start
    assert len([line for line in grammar.splitlines() if line.startswith("value")]) == 2
    last = continuation_grammar(schema, "outcomes")
    assert 'start: WS "]" WS "}"' in last


def extract(fake: FakeOpenAI) -> tuple[Draft, object]:
    endpoint = Endpoint(fake.base_url, "k", "m", "embedded", context_tokens=8192, parallel=1,
                        continues_replies=True)

    async def go():  # type: ignore[no-untyped-def]
        extractor = Extractor(endpoint, RequestOptions())
        try:
            return await extractor.extract([{"role": "user", "content": "summarise"}], Draft)
        finally:
            await extractor.aclose()

    return asyncio.run(go())


def test_a_looping_reply_is_cut_at_the_repeat_and_the_model_goes_on_from_there(fake: FakeOpenAI) -> None:
    looping = pretty("allegations", [CHARGE] * 6)
    rest = '\n  ],\n  "denials": [\n    ' + json.dumps(DENIAL) + '\n  ],\n  "outcomes": []\n}'
    fake.reply(looping + rest)
    fake.reply(rest)
    draft, usage = extract(fake)

    assert [a.claim for a in draft.allegations] == [CHARGE["claim"]]
    assert [d.claim for d in draft.denials] == ["took gifts"]
    first, second = (r["body"] for r in fake.requests)
    assert first["stream"] and first["response_format"]["type"] == "json_schema"
    prefill = second["messages"][-1]
    assert prefill["role"] == "assistant" and prefill["content"] == pretty("allegations", [CHARGE])
    assert "response_format" not in second and '\\"denials\\"' in second["grammar"]
    assert second["max_tokens"] < first["max_tokens"]
    assert usage.requests == 2


def test_a_reply_without_repeats_is_one_streamed_request(fake: FakeOpenAI) -> None:
    reply = pretty("allegations", [CHARGE, OTHER]) + '\n  ],\n  "denials": [],\n  "outcomes": []\n}'
    fake.reply(reply)
    draft, usage = extract(fake)
    assert len(draft.allegations) == 2 and len(fake.requests) == 1
    assert usage.requests == 1 and usage.input_tokens == 100 and usage.output_tokens > 0
