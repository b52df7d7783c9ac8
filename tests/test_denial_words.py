import pytest

from summarize.denial_words import rejects


@pytest.mark.parametrize("text", [
    "Trump has denied the charge.", "The Kremlin refuted the Post's allegations.", "“It is categorically untrue.",
    "She called the report baseless.", "He said he had never met her.", "The firm disputes the figures.",
    "A spokesman dismissed the story as a smear.", "The bank said it \"does not accept\" the findings.",
    "Her lawyer dismissed the allegations.", "The council dismissed it as politics.",
    # the labelling guidelines' own words, and the lawyers' one
    "The campaign called the complaint frivolous.", "He said the hearing was a sham.",
    "The union called the inquiry a political sham.", "The city attorney called the lawsuit \"meritless\".",
    "The company said the claims were without merit.",
])
def test_words_of_denial(text: str) -> None:
    assert rejects(text)


@pytest.mark.parametrize("text", [
    "“So, I will excuse him that,” Conway told CNN on Sunday.", "He did not do so, and argued otherwise.",
    "The minister resigned on Friday.", "Identity requirements were imposed.",  # "den" inside a word is no denial
    "The presidential contest tightened.", "A lieutenant was promoted.",
    "Brightline Labs has dismissed its chief executive.",  # a firing, not a denial
    "Shamima Begum spoke to reporters.", "A merit award was given.",  # the words inside others
])
def test_no_word_of_denial(text: str) -> None:
    assert not rejects(text)
