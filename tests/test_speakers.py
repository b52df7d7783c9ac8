import pytest

from summarize.segment import split_sentences
from summarize.speakers import speakers


def _found(text: str) -> list[tuple[str, bool]]:
    return [(s.name, s.person) for s in speakers(split_sentences(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("White House Press Secretary Josh Earnest said on Monday that talks went well. "
         "Earnest added nothing.", [("Josh Earnest", True)]),
        ("Secretary of Homeland Security Jeh Johnson said hackers did it.", [("Jeh Johnson", True)]),
        ("The Director of Public Prosecutions said the case was closed.", [("Public Prosecutions", True)]),
        ("Marc Kasowitz, a lawyer for the developer, told reporters the claim was false.", [("Marc Kasowitz", False)]),
        ("The White House said in a statement that it was aware of the report.", [("White House", False)]),
        ("The letter came from Comey. Comey said the review would be quick.", [("Comey", False)]),
        ("Retired Lt. Gen. Michael Flynn has denied the report. Flynn resigned.", [("Michael Flynn", True)]),
        # a body named once, after "The", at the sentence's start
        ("The Kremlin refuted the report.", [("Kremlin", False)]),
        # the verb before its subject, after a quote or a clause
        ('"That is coordination," said Dana Rifkin, the group\'s senior counsel.', [("Dana Rifkin", False)]),
        ('"It is a cover-up," says the group\'s director, Carl Heidecker.', [("Carl Heidecker", False)]),
        ("The vote was close, added Mae Ortiz.", [("Mae Ortiz", False)]),
        # a relative clause: the name is the subject of its verb
        ("The figures came from the Bureau of Statistics, which said the count was late.",
         [("Bureau of Statistics", False)]),
    ],
)
def test_the_subject_of_a_verb_of_saying_is_a_speaker(text: str, expected: list) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sources said the minister would resign.",  # a capitalised word at a sentence's start
        "Diplomats told the agency the deal was near.",
        "The report said the bank had failed twice.",  # "The report" is no name
        "Kowalczyk's lawyer said she would appeal.",  # the lawyer speaks, not Kowalczyk
        "The mayor of Springfield will speak on Friday.",  # no verb of saying after a name
        "He said Ortiz would run again.",  # no quote or clause before the verb: Ortiz is spoken of
        '"It is over," said a spokesman for Ortiz.',  # the name is not the verb's subject
        "Mayor of Fairhaven said the vote would wait.",  # an office with no name after it
    ],
)
def test_no_speaker_is_invented(text: str) -> None:
    assert _found(text) == []


def test_each_speaker_once_with_the_first_sentence_that_quotes_them() -> None:
    found = speakers(split_sentences("Nobody spoke at first. Ann Lee said no. Ann Lee said yes."))
    assert [(s.name, s.sentence) for s in found] == [("Ann Lee", 2)]
