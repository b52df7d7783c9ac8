import pytest

from summarize.claim_roles import claim_doer, claim_roles
from summarize.wording import Named

TEXT = ""  # the article: only where the accused's own words are looked up

ACTORS = [
    Named("agency", ["state environment agency", "agency"], person=False),
    Named("brookfield", ["Brookfield Water"], person=False),
    Named("gazette", ["Gazette"], person=False),
    Named("kowalczyk", ["Marta Kowalczyk", "Kowalczyk"], person=True),
    Named("board", ["board"], person=False),
    Named("reyes", ["Owen Reyes", "Reyes"], person=True),
]


@pytest.mark.parametrize(("claim", "accusers", "accused"), [
    ("The state environment agency accused Brookfield Water of hiding test results.", ["agency"], ["brookfield"]),
    ("The Gazette reported that Kowalczyk approved the contract without a tender.", ["gazette"], ["kowalczyk"]),
    ("Owen Reyes said the board ignored warnings.", ["reyes"], ["board"]),
    # after "said that" only the subject is accused; an actor further on is not
    ("Owen Reyes said that warnings about Kowalczyk were ignored.", ["reyes"], []),
    # ... unless the claim says by whom: the agent of a passive deed is accused
    ("Marta Kowalczyk claims she was threatened by Owen Reyes in 2019.", ["kowalczyk"], ["reyes"]),
    ("Owen Reyes said that warnings were quietly ignored by the board.", ["reyes"], ["board"]),
    # the subject stays the accused; a passive verb of accusing or sanctioning names an
    # accuser or an authority, not a doer
    ("The Gazette reported that Kowalczyk was questioned by the agency.", ["gazette"], ["kowalczyk"]),
    ("Owen Reyes said he was criticised by the Gazette.", ["reyes"], []),
])
def test_a_claim_worded_as_an_accusation_names_both_sides(claim: str, accusers: list, accused: list) -> None:
    roles = claim_roles(claim, ACTORS, TEXT)
    assert roles is not None and (roles.accusers, roles.accused) == (accusers, accused)


@pytest.mark.parametrize("claim", [
    "Kowalczyk approved the contract without a tender.",  # no verb of accusing
    "Reports said the board ignored warnings.",  # the accuser is no listed actor
])
def test_other_claims_give_no_roles(claim: str) -> None:
    assert claim_roles(claim, ACTORS, TEXT) is None


def test_an_accused_no_listed_actor_names_is_given_in_the_claims_words() -> None:
    roles = claim_roles("Owen Reyes accused the authority's trustees of ignoring warnings.", ACTORS,
                        "Reyes accused the authority's trustees of ignoring warnings.")
    assert roles is not None and (roles.accusers, roles.accused) == (["reyes"], [])
    assert roles.accused_words == "the authority's trustees"
    unwritten = claim_roles("Owen Reyes accused the trustees of ignoring warnings.", ACTORS, "Reyes spoke.")
    assert unwritten is not None and unwritten.accused_words is None  # not words of the article
    pronoun = claim_roles("Owen Reyes accused them of lying.", ACTORS, "Reyes accused them of lying.")
    assert pronoun is not None and pronoun.accused_words is None


def test_charges_as_a_noun_name_no_one_accused() -> None:
    """"indicted on charges of obstructing ...; that case is set for trial": the words after
    the noun are no accused, and no actor is made of them."""
    text = "was indicted on charges of obstructing an inquiry; that case is set for trial in January."
    claim = "Owen Reyes was later indicted on charges of obstructing an inquiry; that case is set for trial in January."
    assert claim_roles(claim, ACTORS, text) is None
    roles = claim_roles("The Gazette accused Owen Reyes of lying.", ACTORS, text)
    assert roles is not None and roles.accused == ["reyes"]


@pytest.mark.parametrize(("claim", "doer"), [
    ("Kowalczyk approved the contract without a tender.", "kowalczyk"),
    ("Brookfield Water had hidden test results for two years.", "brookfield"),
    ("The board ignored warnings.", "board"),
    # no deed: saying, accusing, passive, a modal, a negation
    ("The Gazette reported that Kowalczyk approved the contract.", None),
    ("The state environment agency accused Brookfield Water of hiding test results.", None),
    ("Owen Reyes was paid by Brookfield Water.", None),
    ("Kowalczyk may have approved the contract.", None),
    ("Kowalczyk did not approve the contract.", None),
    # the claim does not open with an actor
    ("Test results were hidden by Brookfield Water.", None),
    ("Reports say Kowalczyk approved the contract.", None),
])
def test_the_actor_a_claim_opens_with_did_the_deed(claim: str, doer: str | None) -> None:
    assert claim_doer(claim, ACTORS) == doer
