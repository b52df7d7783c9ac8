import pytest

from summarize.denial_words import rejects


@pytest.mark.parametrize("text", [
    "Trump has denied the charge.", "The Kremlin refuted the Post's allegations.", "“It is categorically untrue.",
    "She called the report baseless.", "He said he had never met her.", "The firm disputes the figures.",
    "A spokesman dismissed the story as a smear.", "The bank said it \"does not accept\" the findings.",
    "Her lawyer dismissed the allegations.", "The council dismissed it as politics.",
])
def test_words_of_denial(text: str) -> None:
    assert rejects(text)


@pytest.mark.parametrize("text", [
    "“So, I will excuse him that,” Conway told CNN on Sunday.", "He did not do so, and argued otherwise.",
    "The minister resigned on Friday.", "Identity requirements were imposed.",  # "den" inside a word is no denial
    "The presidential contest tightened.", "A lieutenant was promoted.",
    "Brightline Labs has dismissed its chief executive.",  # a firing, not a denial
])
def test_no_word_of_denial(text: str) -> None:
    assert not rejects(text)
