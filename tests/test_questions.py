"""Questions about single sentences after the summary, against the fake server on 127.0.0.1."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from summarize.cli import app
from summarize.config import ModelOptions, resolve_questions
from summarize.draft import Draft, sentence_draft
from summarize.errors import ConfigError
from summarize.prompting import default_prompt_dir
from summarize.questions import uncited_accusations, uncited_outcomes
from summarize.schema import Summary
from summarize.segment import Sentence
from tests.conftest import EXAMPLE, EXAMPLE_DRAFT
from tests.fake_openai import FakeOpenAI, Script

runner = CliRunner()

# The example's reply without the councillor's accusation (sentence 6) and the denial of
# it: sentence 6 has a word of accusing and no item cites it (the title's "contract
# allegations" names accusations without stating one).
SHORT_REPLY = copy.deepcopy(EXAMPLE_DRAFT)
del SHORT_REPLY["allegations"][1], SHORT_REPLY["denials"][1]
REYES = {"accusers": ["Owen Reyes"], "accused": ["the authority's board"],
         "claim": "The board ignored warnings about the contract.", "sentences": [6]}
_ASKED = re.compile(r"Sentence \[(\d+)\] of the article above reads")
_SECTION = re.compile(r"Return the (\w+) that this sentence states")


def asked(payload: dict[str, Any]) -> int | None:
    found = _ASKED.search(payload["messages"][-1]["content"])
    return int(found.group(1)) if found else None


def section(payload: dict[str, Any]) -> str | None:
    found = _SECTION.search(payload["messages"][-1]["content"])
    return found.group(1) if found else None


def answer(payload: dict[str, Any]) -> Script:
    """The summary gets the short reply; the question about [6] gets the councillor's
    accusation; questions about outcomes get none."""
    number = asked(payload)
    if number is None:
        return Script(content=json.dumps(SHORT_REPLY))
    if section(payload) == "outcomes":
        return Script(content=json.dumps({"outcomes": []}))
    return Script(content=json.dumps({"allegations": [REYES] if number == 6 else []}))


def run(fake: FakeOpenAI, remote_args: list[str], *extra: str) -> Summary:
    fake.rule = answer
    result = runner.invoke(app, ["run", str(EXAMPLE), "--format", "json", *remote_args, *extra])
    assert result.exit_code == 0, result.output
    return Summary.model_validate_json(result.stdout)


def test_uncited_accusing_sentences_are_asked_about_and_their_allegations_kept(
        fake: FakeOpenAI, remote_args: list[str]) -> None:
    summary = run(fake, remote_args, "--questions", "6")
    assert [(asked(r["body"]), section(r["body"])) for r in fake.requests] == [(None, None), (6, "allegations")]
    assert summary.provenance.requests == 2
    reyes = [a for a in summary.allegations if a.evidence and a.evidence[0].sentence == 6]
    assert len(reyes) == 1 and reyes[0].grounded
    names = {actor.id: actor.name for actor in summary.actors}
    assert [names[i] for i in reyes[0].accusers] == ["Owen Reyes"]


def test_a_question_repeats_the_summary_request_up_to_its_last_line(
        fake: FakeOpenAI, remote_args: list[str]) -> None:
    """So the server reuses the article's prefix: a question costs its own lines only."""
    run(fake, remote_args, "--questions", "6")
    summary, question = (fake.requests[i]["body"]["messages"] for i in (0, 1))
    assert question[0] == summary[0]
    head = summary[1]["content"].rsplit("\n", 1)[0]
    assert question[1]["content"].startswith(head + "\n")
    assert question[1]["content"].endswith('reads: "City councillor Owen Reyes accused the authority\'s board of '
                                           'ignoring warnings about the contract for months."\n'
                                           "Return the allegations that this sentence states, [] if it states none.")


def test_the_question_schema_holds_citations_to_its_sentence(fake: FakeOpenAI, remote_args: list[str]) -> None:
    run(fake, remote_args, "--questions", "6")
    schema = json.dumps(fake.requests[1]["body"]["response_format"])
    assert '"minimum": 6' in schema and '"maximum": 6' in schema
    assert "denials" not in schema and "outcomes" not in schema
    assert sentence_draft(6).model_validate({"allegations": [REYES]}).allegations[0].sentences == [6]
    with pytest.raises(ValidationError):
        sentence_draft(6).model_validate({"allegations": [{**REYES, "sentences": [7]}]})


def test_a_cited_sentence_is_not_asked_about(fake: FakeOpenAI, remote_args: list[str]) -> None:
    """The full reply cites sentence 6 (the limit and article order are tested below)."""
    fake.rule = lambda payload: Script(content=json.dumps(
        EXAMPLE_DRAFT if asked(payload) is None else {section(payload): []}))
    result = runner.invoke(app, ["run", str(EXAMPLE), "--format", "json", *remote_args, "--questions", "6"])
    assert result.exit_code == 0, result.output
    assert [section(r["body"]) for r in fake.requests] == [None]


def test_remote_endpoints_send_one_request_unless_asked(fake: FakeOpenAI, remote_args: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    run(fake, remote_args)
    assert len(fake.requests) == 1
    monkeypatch.setenv("SUMMARIZE_QUESTIONS", "2")
    run(fake, remote_args)
    assert [asked(r["body"]) for r in fake.requests[1:]] == [None, 6]


def test_a_prompt_folder_without_a_question_gets_none(fake: FakeOpenAI, remote_args: list[str],
                                                      tmp_path: Path) -> None:
    """Sending the summary request again under the question's schema would be wasted."""
    for name in ("system.j2", "user.j2"):
        text = (default_prompt_dir() / name).read_text()
        if name == "user.j2":
            text = text[:text.index("{% if focus %}")] + "Return the JSON summary of the article above."
        (tmp_path / name).write_text(text)
    run(fake, remote_args, "--questions", "6", "--prompts", str(tmp_path))
    assert len(fake.requests) == 1


def test_question_settings_resolve_in_order() -> None:
    assert resolve_questions(ModelOptions(), embedded=True, env={}) == 6
    assert resolve_questions(ModelOptions(), embedded=False, env={}) == 0
    assert resolve_questions(ModelOptions(), embedded=True, env={"SUMMARIZE_QUESTIONS": "0"}) == 0
    assert resolve_questions(ModelOptions(questions=3), embedded=False, env={"SUMMARIZE_QUESTIONS": "1"}) == 3
    with pytest.raises(ConfigError, match="SUMMARIZE_QUESTIONS='-1' must be at least 0"):
        resolve_questions(ModelOptions(), embedded=True, env={"SUMMARIZE_QUESTIONS": "-1"})


def test_the_batch_api_refuses_questions(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(EXAMPLE), "--db", str(tmp_path / "b.sqlite"),
                                 "--emit-openai-batch", str(tmp_path / "requests.jsonl"), "--questions", "2",
                                 "--api-key", "k"])
    assert result.exit_code == 2 and "--questions needs a live endpoint" in result.output
    assert not (tmp_path / "requests.jsonl").exists()


def test_a_sentence_that_denies_is_not_asked_about() -> None:
    """It points at allegations stated elsewhere: asked what it states, the model lists
    the denial as an allegation."""
    chunk = [Sentence(1, 0, 60, "The council accused the mayor of hiding the audit."),
             Sentence(2, 61, 120, "The mayor has denied every allegation."),
             Sentence(3, 121, 190, "Critics blamed the treasurer for the shortfall.")]
    empty = Draft(actors=[], allegations=[], denials=[], outcomes=[])
    assert [s.number for s in uncited_accusations(chunk, empty, 6)] == [1, 3]
    assert [s.number for s in uncited_accusations(chunk, empty, 1)] == [1]


@pytest.mark.parametrize(("text", "asked_about"), [
    # a noun that names accusations without stating one
    ("Although a week of allegations has dented his lead, the senator remains ahead.", False),
    ("The allegations have not moved the polls.", False),
    ("Several accusers have come forward since Friday.", False),
    # ... states one with its content or target after it
    ("Allegations that the mayor hid the audit surfaced on Monday.", True),
    ("She repeated accusations of fraud against the mayor.", True),
    # the verb states one whatever else the sentence has
    ("The allegations grew after the council accused the mayor of hiding the audit.", True),
    # a legal outcome's words: the outcome, not an allegation
    ("The former aide was charged with fraud in March.", False),
    ("A third player was convicted of taking bribes and given a suspended sentence.", False),
    ("Greenpeace charged that the deal was illegal.", True),
])
def test_a_noun_naming_accusations_or_an_outcome_s_words_are_not_asked_about(text: str, asked_about: bool) -> None:
    empty = Draft(actors=[], allegations=[], denials=[], outcomes=[])
    asked = uncited_accusations([Sentence(1, 0, len(text), text)], empty, 6)
    assert bool(asked) is asked_about


def test_an_article_s_questions_follow_its_own_summary_request(
        fake: FakeOpenAI, remote_args: list[str], tmp_path: Path) -> None:
    """With one slot, the second article waits until the first one's questions are
    answered, so each question reuses the prefix its summary request left in the slot."""
    second = tmp_path / "second.txt"
    second.write_text(EXAMPLE.read_text(encoding="utf-8") + "\nThe harbour reopened on Friday.\n",
                      encoding="utf-8")
    fake.rule = answer
    result = runner.invoke(app, ["run", str(EXAMPLE), str(second), "--format", "jsonl", *remote_args,
                                 "--questions", "6", "--parallel", "1"])
    assert result.exit_code == 0, result.output
    sent = [(len(r["body"]["messages"][-1]["content"]), asked(r["body"])) for r in fake.requests]
    assert [number for _, number in sent] == [None, 6, None, 6]
    assert sent[0][0] < sent[2][0]  # the first article's pair, then the second's


def test_an_uncited_sentence_reporting_an_outcome_is_asked_for_outcomes(
        fake: FakeOpenAI, remote_args: list[str]) -> None:
    """The reply leaves out the investigation (sentence 11) and the commission that opens it,
    so no code reads whom it concerns; the question about it finds it, under a schema that
    holds its citations to that sentence and asks for outcomes only."""
    reply = copy.deepcopy(EXAMPLE_DRAFT)
    investigation = reply["outcomes"].pop()
    reply["actors"] = [a for a in reply["actors"] if a["name"] != "Ethics Commission"]

    def rule(payload: dict[str, Any]) -> Script:
        if asked(payload) is None:
            return Script(content=json.dumps(reply))
        if section(payload) == "outcomes" and asked(payload) == 11:
            return Script(content=json.dumps({"outcomes": [{**investigation, "sentences": [11]}]}))
        return Script(content=json.dumps({section(payload): []}))

    fake.rule = rule
    result = runner.invoke(app, ["run", str(EXAMPLE), "--format", "json", *remote_args, "--questions", "6"])
    assert result.exit_code == 0, result.output
    assert [(asked(r["body"]), section(r["body"])) for r in fake.requests] == [(None, None), (11, "outcomes")]
    schema = json.dumps(fake.requests[1]["body"]["response_format"])
    assert '"minimum": 11' in schema and '"maximum": 11' in schema and "allegations" not in schema
    summary = Summary.model_validate_json(result.stdout)
    names = {actor.id: actor.name for actor in summary.actors}
    found = [o for o in summary.outcomes if o.type.value == "investigation"]
    assert len(found) == 1 and found[0].grounded and found[0].evidence[0].sentence == 11
    assert [names[i] for i in found[0].actors] == ["Ethics Commission"]
    with pytest.raises(ValidationError):
        sentence_draft(11, "outcomes").model_validate({"outcomes": [{**investigation, "sentences": [10]}]})


def test_a_sentence_whose_outcomes_the_code_reads_whole_is_not_asked_about() -> None:
    """"The treasurer, Ana Ruiz, was charged": `stated-events` adds it with Ruiz when she is
    listed; a question would only list it again. Unlisted, or with an outcome whose subject
    no listed name gives, the sentence is asked about."""
    chunk = [Sentence(1, 0, 40, "The council met on Tuesday."),
             Sentence(2, 41, 90, "Ana Ruiz was charged with fraud."),
             Sentence(3, 91, 140, "She resigned on Friday.")]
    listed = Draft.model_validate({"actors": [{"name": "Ana Ruiz", "kind": "person", "role": "treasurer"}],
                                   "allegations": [], "denials": [], "outcomes": []})
    empty = Draft(actors=[], allegations=[], denials=[], outcomes=[])
    assert [s.number for s in uncited_outcomes(chunk, listed, 6)] == [3]
    assert [s.number for s in uncited_outcomes(chunk, empty, 6)] == [2, 3]


def test_sentences_reporting_outcomes_are_asked_about_unless_cited_or_the_headline() -> None:
    headline = Sentence(1, 0, 40, "Mayor resigns after audit row")
    empty = Draft(actors=[], allegations=[], denials=[], outcomes=[])
    assert uncited_outcomes([headline], empty, 6) == []
    chunk = [Sentence(1, 0, 40, "The mayor resigned on Monday."),
             Sentence(2, 41, 90, "The council met on Tuesday."),
             Sentence(3, 91, 140, "The treasurer was charged with fraud.")]
    assert [s.number for s in uncited_outcomes(chunk, empty, 6)] == [1, 3]
    assert [s.number for s in uncited_outcomes(chunk, empty, 1)] == [1]
    cited = Draft.model_validate({"actors": [], "allegations": [], "denials": [], "outcomes": [
        {"actors": ["the mayor"], "type": "resignation", "description": "The mayor resigned.", "sentences": [1]}]})
    assert [s.number for s in uncited_outcomes(chunk, cited, 6)] == [3]
