

# a participle modifying a noun acts on it (a reduced passive relative): the noun fills the
# object slot of the verb's rows, so "a statement released to …" is PETRARCH2's '---' row
# "RELEASE * STATEMENT" (publishing), not a release of captives (RETREAT)
RELEASED = [
    "In a statement released to reporters on Monday, the Academy said the host was chosen.",
    "In a statement released by her lawyer, actress Jane Doe said she was sorry.",
]


@pytest.mark.parametrize("text", RELEASED)
def test_reduced_relative_fills_the_object_slot(nlp, text):
    assert [e.trigger for e in code(text, nlp) if e.type == "RETREAT"] == []


def test_reduced_relative_keeps_released_captives(nlp):
    text = "Police said the two guards released by the gunman Joe Comeaux were unharmed."
    assert "RETREAT" in {e.type for e in code(text, nlp)}
