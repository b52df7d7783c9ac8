import pytest

from summarize.collectives import accusing_groups


@pytest.mark.parametrize(("sentence", "name", "after"), [
    (("The campaign has been putting out fires after a spate of female accusers emerged, claiming Kowalczyk "
      "had acted inappropriately."), "female accusers", " Kowalczyk"),
    ("Kowalczyk met the women -- about a dozen now -- who have accused him of misconduct.",
     "women", " him"),
    ("Dozens of tenants said the landlord ignored repairs.", "tenants", " the landlord"),
    ("Three former players have come forward, alleging that the coach hit them.", "former players", " that"),
])
def test_a_group_that_accuses_is_found_with_where_its_accusation_begins(sentence: str, name: str, after: str) -> None:
    groups = accusing_groups(sentence)
    assert [g.name for g in groups] == [name]
    assert sentence[groups[0].end:].startswith(after)


@pytest.mark.parametrize("sentence", [
    "The women met the board on Monday.",  # no verb of accusing
    "Several residents may claim that the port polluted the bay.",  # a prospect
    "Several residents did not claim that the port polluted the bay.",  # a negation
    "Three polls said Kowalczyk was ahead.",  # not people
    "Several Reyes employees said Kowalczyk lied.",  # a name before them: not an unnamed group
])
def test_no_group_where_none_accuses(sentence: str) -> None:
    assert accusing_groups(sentence) == []
