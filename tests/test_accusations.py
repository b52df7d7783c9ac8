import pytest

from summarize.accusations import Accusation, accusations, self_accusers
from summarize.wording import Named

ACTORS = [
    Named("agency", ["state environment agency", "agency"], person=False),
    Named("brookfield", ["Brookfield Water"], person=False),
    Named("gazette", ["Gazette"], person=False),
    Named("kowalczyk", ["Marta Kowalczyk", "Kowalczyk"], person=True),
    Named("reyes", ["Owen Reyes", "Reyes"], person=True),
    Named("hale", ["Marcus Hale", "Hale"], person=True),
    Named("ivers", ["Dana Ivers", "Ivers"], person=True),
    Named("mayor", ["Mayor Tom Albright", "Albright"], person=True),
    Named("russia", ["Russia"], person=False),
]


@pytest.mark.parametrize(("sentence", "accusers", "accused"), [
    # a verb of accusing: who accuses before it, who is accused right after it
    ("The state environment agency accused Brookfield Water of hiding test results.", ["agency"], ["brookfield"]),
    ("On Monday Owen Reyes alleged that Kowalczyk approved the contract without a tender.",
     ["reyes"], ["kowalczyk"]),
    ("The ministry said the Gazette has blamed the leak on Brookfield Water.", ["gazette"], ["brookfield"]),
    # the passive: the accused before the verb, an accuser only after "by"
    ("Kowalczyk was accused by the Gazette of approving the contract.", ["gazette"], ["kowalczyk"]),
    ("Marcus Hale, the chief executive, has been accused of charging personal travel to the firm.",
     [], ["hale"]),
    # an alleged act: whose it is
    ("The board opened an inquiry into Hale's alleged expense fraud.", [], ["hale"]),
    ("Prosecutors examined alleged bribes paid by Brookfield Water to inspectors.", [], ["brookfield"]),
    # the subject of the probe, not a name used as a modifier in an apposition
    ("Dana Ivers and Marcus Hale, a Brookfield Water adviser, have been investigated for alleged ties to Russia.",
     [], ["ivers", "hale"]),
    # held on suspicion: who reports it accuses
    ("Owen Reyes said Kowalczyk was detained on suspicion of fraud.", ["reyes"], ["kowalczyk"]),
    # a relative clause hangs on the actor just before it
    ("Mayor Tom Albright met Owen Reyes, who accused Kowalczyk of lying.", ["reyes"], ["kowalczyk"]),
    # the accused in apposition to someone's description
    ("Owen Reyes accused the agency's finance director, Marcus Hale, of signing off the payments.",
     ["reyes"], ["hale"]),
    # a claim of harm done to the speaker accuses whoever did it
    ("A driver, Dana Ivers, claimed to have been threatened by Hale's deputy, Owen Reyes, in May.",
     ["ivers"], ["reyes"]),
    ("Dana Ivers told the Gazette she had been harassed by Marcus Hale for years.", ["ivers"], ["hale"]),
    # an accuser in apposition after "by"
    ("Kowalczyk was accused by Hale's lawyer, Owen Reyes, of lying.", ["reyes"], ["kowalczyk"]),
])
def test_an_accusation_in_so_many_words_names_both_sides(sentence: str, accusers: list, accused: list) -> None:
    assert accusations(sentence, ACTORS) == [Accusation(accusers, accused)]


@pytest.mark.parametrize("sentence", [
    "Owen Reyes may accuse Kowalczyk of lying.",  # a prospect
    "Owen Reyes has not accused Kowalczyk of anything.",  # negated
    "It alleged that Brookfield Water failed to carry out repairs.",  # whoever "it" is accuses
    "Three residents who accused Kowalczyk of lying spoke on Monday.",  # accusers no listed actor
    "Owen Reyes praised the residents who accused Kowalczyk of lying.",  # nor here: not Reyes
    "Owen Reyes accused the press of exaggerating.",  # no listed actor accused
    "Reyes said the emails were allegedly hacked.",  # an alleged act of no one named
    "Kowalczyk met the accused Marcus Hale, who denied all of the charges.",  # "accused" as a noun
    "Dana Ivers said she was appointed by Marcus Hale.",  # no harm claimed
    "Dana Ivers said she was threatened by Hale's deputy.",  # by someone not named
])
def test_no_accusation_without_a_plain_named_one(sentence: str) -> None:
    assert accusations(sentence, ACTORS) == []


@pytest.mark.parametrize(("sentence", "owners"), [
    ("In a post, Marcus Hale claimed to have voted twice under different names.", ["hale"]),
    ("Kowalczyk acknowledged that she had approved the contract without a tender.", ["kowalczyk"]),
    ("The Gazette said Owen Reyes admitted taking the payments.", ["reyes"]),
    ("Owen Reyes confessed to leaking the report.", ["reyes"]),
    ("Owen Reyes has not admitted taking the payments.", []),  # negated
    ("Owen Reyes claimed that Kowalczyk had lied.", []),  # a claim about someone else
    ("Owen Reyes denied taking the payments.", []),
    # a victim's or a witness's claim accuses someone else
    ("Owen Reyes claimed to have been threatened by Marcus Hale.", []),
    ("Owen Reyes claimed to have seen Kowalczyk take the money.", []),
    ("Kowalczyk acknowledged that she had received the Gazette's questions.", []),
    ("Owen Reyes admitted being pressured by Marcus Hale.", []),
])
def test_who_owns_up_to_an_act(sentence: str, owners: list) -> None:
    assert self_accusers(sentence, ACTORS) == owners
