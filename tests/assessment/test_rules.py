"""Pure rules of question clarification, the child's voice, life domains and consultations."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.assessment.models import NotSpokenReason, Sufficiency
from wijkteam.assessment.rules import (
    MIN_FINDING_LENGTH,
    STEP_4_SOURCES,
    TOO_YOUNG_BELOW_AGE,
    ChildVoiceFacts,
    ChildVoiceInput,
    ClarificationFacts,
    DomainScore,
    advice_verdict,
    applies_to_person,
    child_voice_record_verdict,
    child_voice_verdict,
    clarification_progress,
    clarification_verdict,
    consultation_verdict,
    existential_security_flags,
    lowest_first,
)

TODAY = date(2026, 11, 20)
LONG = "Een bevinding die lang genoeg is om navolgbaar te zijn."
SOURCES = dict.fromkeys(STEP_4_SOURCES, "besproken met moeder")


def complete(**changes) -> ClarificationFacts:
    values = {
        "support_question": LONG,
        "problems": LONG,
        "support_needed": LONG,
        "step_4_sources": SOURCES,
        "own_means_conclusion": Sufficiency.INSUFFICIENT,
        "own_support": LONG,
        "own_support_conclusion": Sufficiency.PARTLY,
    }
    values.update(changes)
    return ClarificationFacts(**values)


def test_complete_steps_allow_considering_a_customised_provision():
    verdict = clarification_verdict(complete())
    assert verdict.allowed and verdict.reasons == ()


def test_nothing_recorded_gives_one_reason_per_step_in_dutch():
    verdict = clarification_verdict(ClarificationFacts())
    assert not verdict.allowed
    assert verdict.codes == tuple(f"clarification_step_{n}_missing" for n in range(1, 6))
    assert verdict.reasons[0].message.startswith("Stap 1 is niet vastgelegd")


@pytest.mark.parametrize(
    "field,step", [("support_question", 1), ("problems", 2), ("support_needed", 3)]
)
def test_text_steps_missing_or_too_short(field, step):
    assert clarification_verdict(complete(**{field: "  "})).codes == (
        f"clarification_step_{step}_missing",
    )
    short = "x" * (MIN_FINDING_LENGTH - 1)
    assert clarification_verdict(complete(**{field: short})).codes == (
        f"clarification_step_{step}_insufficient",
    )
    assert clarification_verdict(complete(**{field: "x" * MIN_FINDING_LENGTH})).allowed


def test_step_4_needs_every_source_and_a_conclusion():
    partial = dict(SOURCES, informal_care="", community_solutions=" ")
    verdict = clarification_verdict(complete(step_4_sources=partial))
    assert verdict.codes == ("clarification_step_4_insufficient",)
    assert "mantelzorg" in verdict.message and "sociale basis" in verdict.message
    verdict = clarification_verdict(complete(own_means_conclusion=""))
    assert verdict.codes == ("clarification_step_4_insufficient",)
    empty = dict.fromkeys(STEP_4_SOURCES, "")
    verdict = clarification_verdict(complete(step_4_sources=empty, own_means_conclusion=""))
    assert verdict.codes == ("clarification_step_4_missing",)


@pytest.mark.parametrize("step,field", [(4, "own_means_conclusion"), (5, "own_support_conclusion")])
def test_a_sufficient_conclusion_means_no_customised_provision(step, field):
    verdict = clarification_verdict(complete(**{field: Sufficiency.SUFFICIENT}))
    assert verdict.codes == (f"clarification_step_{step}_sufficient",)
    assert clarification_verdict(complete(**{field: Sufficiency.PARTLY})).allowed


def test_step_5_missing_or_without_conclusion():
    assert clarification_verdict(complete(own_support="", own_support_conclusion="")).codes == (
        "clarification_step_5_missing",
    )
    assert clarification_verdict(complete(own_support_conclusion="")).codes == (
        "clarification_step_5_insufficient",
    )


texts = st.sampled_from(["", " ", "kort", LONG])
conclusions = st.sampled_from(["", *Sufficiency.values])


@given(
    texts,
    texts,
    texts,
    st.dictionaries(st.sampled_from(STEP_4_SOURCES), texts),
    conclusions,
    texts,
    conclusions,
)
def test_allowed_exactly_when_no_step_falls_short(q, p, n, sources, c4, own, c5):
    facts = ClarificationFacts(q, p, n, sources, c4, own, c5)
    verdict = clarification_verdict(facts)
    progress = clarification_progress(facts)
    assert verdict.allowed == (not verdict.reasons) == all(progress.values())
    assert len(set(verdict.codes)) == len(verdict.codes)  # at most one reason per step
    for code in verdict.codes:
        assert code.startswith("clarification_step_") and code.split("_")[2] in "12345"


# --- The child's voice ----------------------------------------------------------------


def test_every_child_needs_a_conversation_or_a_reason():
    assert child_voice_verdict([]).allowed
    verdict = child_voice_verdict(
        [
            ChildVoiceFacts("Noor", spoken_to=True, reason_recorded=False),
            ChildVoiceFacts("Daan", spoken_to=False, reason_recorded=True),
            ChildVoiceFacts("Mila", spoken_to=False, reason_recorded=False),
            ChildVoiceFacts("Sem", spoken_to=False, reason_recorded=False),
        ]
    )
    assert not verdict.allowed
    assert verdict.codes == ("child_voice_missing", "child_voice_missing")
    assert "Mila" in verdict.reasons[0].message and "Sem" in verdict.reasons[1].message
    assert "We spreken altijd met het kind, tenzij" in verdict.reasons[0].message


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=6))
def test_child_voice_allowed_iff_each_child_has_something(children):
    facts = [ChildVoiceFacts(f"Kind{i}", s, r) for i, (s, r) in enumerate(children)]
    verdict = child_voice_verdict(facts)
    assert verdict.allowed == all(s or r for s, r in children)
    assert len(verdict.reasons) == sum(not (s or r) for s, r in children)


BIRTH = date(2016, 3, 1)


def record(**changes):
    values = {"spoken_to": True, "spoken_on": TODAY, "setting": "alone", "spoken_by_id": 1}
    values.update(changes)
    return ChildVoiceInput(**values)


def test_a_conversation_needs_when_how_and_by_whom():
    assert child_voice_record_verdict(record(), birth_date=BIRTH, age=10, today=TODAY).allowed
    verdict = child_voice_record_verdict(
        record(spoken_on=None, setting="", spoken_by_id=None), birth_date=BIRTH, age=10, today=TODAY
    )
    assert verdict.codes == ("child_voice_date", "child_voice_setting", "child_voice_by")
    future = child_voice_record_verdict(
        record(spoken_on=date(2026, 11, 21)), birth_date=BIRTH, age=10, today=TODAY
    )
    assert future.codes == ("child_voice_date",)
    before_birth = child_voice_record_verdict(
        record(spoken_on=date(2015, 1, 1)), birth_date=BIRTH, age=10, today=TODAY
    )
    assert before_birth.codes == ("child_voice_date",)


def test_reasons_not_spoken_to():
    def verdict(reason, text="", age=10):
        data = ChildVoiceInput(spoken_to=False, reason=reason, reason_text=text)
        return child_voice_record_verdict(data, birth_date=BIRTH, age=age, today=TODAY)

    assert verdict("").codes == ("child_voice_reason",)
    assert verdict(NotSpokenReason.REFUSED).allowed
    assert verdict(NotSpokenReason.SAFETY).allowed
    assert verdict(NotSpokenReason.OTHER).codes == ("child_voice_reason_text",)
    assert verdict(NotSpokenReason.OTHER, "Ernstige meervoudige beperking").allowed
    assert verdict(NotSpokenReason.TOO_YOUNG, age=TOO_YOUNG_BELOW_AGE - 1).allowed
    too_old = verdict(NotSpokenReason.TOO_YOUNG, age=TOO_YOUNG_BELOW_AGE)
    assert too_old.codes == ("child_voice_not_too_young",)
    assert "4" in too_old.message


# --- Life domains ---------------------------------------------------------------------


def score(person, domain, value, low=None, existential=False):
    return DomainScore(
        person, domain, value, value <= 2 if low is None else low, existential, TODAY
    )


def test_lowest_first_with_low_existential_security_on_top():
    scores = [
        score("Sanne", "Sociaal netwerk", 3),
        score("Sanne", "Geestelijke gezondheid", 1),
        score("Sanne", "Financiën", 2, existential=True),
        score("Sanne", "Huisvesting", 4, existential=True),
        score("Daan", "School", 2),
    ]
    ordered = [s.domain for s in lowest_first(scores)]
    assert ordered == [
        "Financiën",
        "Geestelijke gezondheid",
        "School",
        "Sociaal netwerk",
        "Huisvesting",
    ]
    assert [s.domain for s in existential_security_flags(scores)] == ["Financiën"]


def test_change_against_the_previous_score():
    assert DomainScore("a", "b", 3, False, False, TODAY, previous_value=1).change == 2
    assert DomainScore("a", "b", 3, False, False, TODAY).change is None


@pytest.mark.parametrize(
    "applies_to,age,expected",
    [
        ("everyone", 3, True),
        ("adults", 17, False),
        ("adults", 18, True),
        ("children", 17, True),
        ("children", 18, False),
    ],
)
def test_domains_apply_by_age(applies_to, age, expected):
    assert applies_to_person(applies_to, age) is expected


# --- Consultations --------------------------------------------------------------------


def test_consultant_must_hold_the_role():
    assert consultation_verdict("gz_psychologist", ["behavioural_expert"], TODAY, TODAY).allowed
    assert consultation_verdict("safety_officer", None, TODAY, TODAY).allowed  # external
    verdict = consultation_verdict("safety_officer", ["case_worker"], date(2026, 12, 1), TODAY)
    assert verdict.codes == ("consultant_role", "asked_in_future")


def test_advice_needs_text_and_a_plausible_date():
    asked = date(2026, 11, 1)
    assert advice_verdict("Advies", date(2026, 11, 2), asked, TODAY).allowed
    assert advice_verdict("", None, asked, TODAY).codes == ("advice_missing", "advice_date")
    assert advice_verdict("A", date(2026, 10, 1), asked, TODAY).codes == ("advice_date",)
    assert advice_verdict("A", date(2026, 12, 1), asked, TODAY).codes == ("advice_date",)
