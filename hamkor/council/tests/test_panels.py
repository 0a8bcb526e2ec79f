"""Panel proposal: coverage first, conflicts out with reasons, a fixed order, and hand-made panels refused.

Pure: no database. The experts are a small Council across Uzbekistan, Kazakhstan and Kyrgyzstan."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from hamkor.council.panels import (
    DISCIPLINES,
    LANGUAGES,
    Candidate,
    ExclusionCause,
    Request,
    check_panel,
    exclusion_causes,
    propose_panel,
)

REQUESTER_ORG = 10  # a Tashkent rehabilitation centre asking the Council


def expert(
    id,
    country="KZ",
    disciplines=("psychology",),
    languages=("ru",),
    *,
    availability="available",
    vetting="vetted",
    workload=0,
    organisation=100,
    conflict_countries=(),
    conflict_organisations=(),
    conflict_cases=(),
):
    return Candidate(
        id=id,
        name=f"Expert {id}",
        country=country,
        organisation_id=organisation,
        disciplines=frozenset(disciplines),
        languages=frozenset(languages),
        availability=availability,
        vetting=vetting,
        workload=workload,
        conflict_countries=frozenset(conflict_countries),
        conflict_organisations=frozenset(conflict_organisations),
        conflict_cases=frozenset(conflict_cases),
    )


def request(disciplines=("psychology", "theology", "social_work"), languages=("uz", "ru"), **overrides):
    fields = {
        "disciplines": tuple(disciplines),
        "languages": tuple(languages),
        "requester_country": "UZ",
        "requester_organisation_id": REQUESTER_ORG,
        "case_keys": frozenset({"UZ-7KQ2-M4"}),
        "exclude_own_country": False,
        "panel_size": 3,
        "deadline": date(2026, 12, 15),
    }
    return Request(**{**fields, **overrides})


def texts(promises):
    with translation.override("en"):
        return [str(p) for p in promises]


def ids(entries):
    return [entry.expert.id for entry in entries]


def test_panel_spans_three_disciplines_and_two_countries():
    council = [
        expert(1, "KZ", ["psychology"], ["ru", "kk"]),
        expert(2, "KZ", ["psychology", "psychiatry"], ["ru"]),
        expert(3, "UZ", ["theology"], ["uz", "ar"]),
        expert(4, "UZ", ["social_work", "education"], ["uz", "ru"]),
        expert(5, "KG", ["research"], ["ru", "en"]),
    ]
    proposal = propose_panel(request(), council)

    assert {d for entry in proposal.panel for d in entry.covers} == {"psychology", "theology", "social_work"}
    assert len({entry.expert.country for entry in proposal.panel}) == 2
    assert proposal.uncovered == ()
    # The researcher covers nothing asked for: ranked last and never proposed.
    assert ids(proposal.ranked)[-1] == 5 and 5 not in ids(proposal.panel)


def test_expert_covering_most_uncovered_disciplines_is_picked_first():
    council = [
        expert(1, disciplines=["psychology"], languages=["uz", "ru"]),
        expert(2, disciplines=["psychology", "theology"], languages=[]),
        expert(3, disciplines=["social_work"]),
    ]
    proposal = propose_panel(request(), council)

    assert ids(proposal.ranked) == [2, 3, 1]
    assert proposal.ranked[0].covers_new == ("psychology", "theology")
    # Expert 1 adds nothing new once 2 is in: a further opinion, not a new discipline.
    assert proposal.ranked[2].covers_new == () and proposal.ranked[2].covers == ("psychology",)


def test_conflicts_exclude_by_case_organisation_and_country_with_reasons():
    council = [
        expert(1, conflict_cases=["UZ-7KQ2-M4"]),
        expert(2, conflict_organisations=[REQUESTER_ORG]),
        expert(3, conflict_countries=["UZ"]),
        expert(4, conflict_cases=["KZ-0000-AA"], conflict_organisations=[999], conflict_countries=["TJ"]),
    ]
    proposal = propose_panel(request(), council)

    assert ids(proposal.ranked) == [4]
    causes = {e.expert.id: e.causes for e in proposal.excluded}
    assert causes == {
        1: (ExclusionCause.CONFLICT_CASE,),
        2: (ExclusionCause.CONFLICT_ORGANISATION,),
        3: (ExclusionCause.CONFLICT_COUNTRY,),
    }
    reasons = {e.expert.id: texts(e.reasons) for e in proposal.excluded}
    assert reasons[1] == ["declared a conflict of interest with the case behind this dossier"]
    assert reasons[2] == ["declared a conflict of interest with the requesting organisation"]
    assert reasons[3] == ["declared a conflict of interest with the requester's country (UZ)"]


def test_thematic_question_has_no_case_conflict():
    council = [expert(1, conflict_cases=["UZ-7KQ2-M4"])]

    assert ids(propose_panel(request(case_keys=frozenset()), council).ranked) == [1]


def test_own_country_excluded_only_when_asked():
    council = [expert(1, "UZ"), expert(2, "KZ")]

    assert ids(propose_panel(request(), council).ranked) == [1, 2]
    proposal = propose_panel(request(exclude_own_country=True), council)
    assert ids(proposal.ranked) == [2]
    [exclusion] = proposal.excluded
    assert exclusion.causes == (ExclusionCause.OWN_COUNTRY,)
    assert texts(exclusion.reasons) == ["from the requester's own country (UZ), which the request excludes"]


def test_unavailable_and_not_vetted_experts_are_excluded_with_every_reason():
    council = [
        expert(1, availability="unavailable"),
        expert(2, vetting="pending"),
        expert(3, vetting="expired", availability="unavailable", conflict_cases=["UZ-7KQ2-M4"]),
        expert(4, availability="limited"),
    ]
    proposal = propose_panel(request(), council)

    assert ids(proposal.ranked) == [4]
    reasons = {e.expert.id: texts(e.reasons) for e in proposal.excluded}
    assert reasons[1] == ["unavailable"]
    assert reasons[2] == ["not vetted (status: pending)"]
    assert reasons[3] == [
        "declared a conflict of interest with the case behind this dossier",
        "not vetted (status: expired)",
        "unavailable",
    ]


def test_ties_go_to_languages_then_availability_then_lower_workload_then_id():
    same = {"disciplines": ["psychology"]}
    council = [
        expert(1, languages=["en"], workload=0, **same),
        expert(2, languages=["uz", "ru"], workload=5, **same),
        expert(3, languages=["uz"], availability="limited", workload=0, **same),
        expert(4, languages=["uz"], workload=2, **same),
        expert(5, languages=["ru"], workload=2, **same),
        expert(6, languages=["ru"], workload=1, **same),
    ]
    proposal = propose_panel(request(disciplines=["psychology"], panel_size=6), council)

    # 2 speaks both languages; of the one-language experts the available ones come first, the least busy
    # first among them, the lower id on a full tie; 1 speaks neither language.
    assert ids(proposal.ranked) == [2, 6, 4, 5, 3, 1]


def test_busier_expert_loses_an_otherwise_equal_tie():
    council = [expert(1, workload=4), expert(2, workload=1)]

    assert ids(propose_panel(request(disciplines=["psychology"], panel_size=1), council).panel) == [2]


def test_proposal_is_the_same_whatever_the_input_order():
    rng = random.Random(5)
    council = [
        expert(
            i,
            rng.choice(["UZ", "KZ", "KG", "TJ"]),
            rng.sample(list(DISCIPLINES), rng.randint(1, 3)),
            rng.sample(list(LANGUAGES), rng.randint(1, 3)),
            availability=rng.choice(["available", "limited"]),
            workload=rng.randint(0, 3),
        )
        for i in range(1, 60)
    ]
    first = propose_panel(request(panel_size=5), council)
    for _ in range(5):
        rng.shuffle(council)
        again = propose_panel(request(panel_size=5), council)
        assert again == first


def test_every_ranked_expert_says_why():
    council = [
        expert(1, disciplines=["psychology", "theology"], languages=["uz"], workload=1),
        expert(2, disciplines=["psychology"], languages=["ru"], availability="limited", workload=2),
        expert(3, disciplines=["research"], languages=["en"]),
    ]
    proposal = propose_panel(request(), council)

    why = {entry.expert.id: texts(entry.reasons) for entry in proposal.ranked}
    assert why[1] == [
        "adds requested disciplines: Psychology, Theology",
        "speaks requested languages: Uzbek",
        "available",
        "1 open consultation",
    ]
    assert why[2] == [
        "also covers, as a further opinion: Psychology",
        "speaks requested languages: Russian",
        "limited availability",
        "2 open consultations",
    ]
    assert why[3] == [
        "covers none of the requested disciplines",
        "speaks none of the requested languages",
        "available",
        "0 open consultations",
    ]
    assert proposal.uncovered == ("social_work",)


def test_ranked_list_is_ordered_by_score():
    council = [expert(i, disciplines=[d]) for i, d in enumerate(DISCIPLINES, 1)]
    proposal = propose_panel(request(panel_size=2), council)

    keys = [(entry.score.key, -entry.expert.id) for entry in proposal.ranked]
    assert keys == sorted(keys, reverse=True)
    assert [entry.rank for entry in proposal.ranked] == list(range(1, len(council) + 1))
    assert len(proposal.panel) == 2 and proposal.uncovered == ("social_work",)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown discipline: astrology"):
        request(disciplines=["astrology"])
    with pytest.raises(ValueError, match="unknown language: xx"):
        expert(1, languages=["xx"])
    with pytest.raises(ValueError, match="appears twice"):
        propose_panel(request(), [expert(1), expert(1)])


def test_check_panel_refuses_conflicted_unvetted_and_own_country_experts():
    conflicted = expert(1, "KZ", conflict_cases=["UZ-7KQ2-M4"])
    unvetted = expert(2, "KG", vetting="pending")
    compatriot = expert(3, "UZ")
    fine = expert(4, "KZ", availability="limited")
    req = request(exclude_own_country=True)

    with translation.override("en"):
        refusals = check_panel(req, [conflicted, unvetted, compatriot, fine, fine])
        assert check_panel(req, [fine]) == []
        assert check_panel(req, []) == ["A panel needs at least one expert."]
    assert refusals == [
        "Expert 1: declared a conflict of interest with the case behind this dossier.",
        "Expert 2: not vetted (status: pending).",
        "Expert 3: from the requester's own country (UZ), which the request excludes.",
        "Expert 4 is on the panel twice.",
    ]


def test_check_panel_accepts_own_country_when_not_excluded_and_an_unavailable_expert():
    assert check_panel(request(), [expert(3, "UZ"), expert(5, availability="unavailable")]) == []


# Property: whatever the Council looks like, the panel holds no excluded expert and covers everything coverable.

candidates = st.builds(
    lambda id, country, org, disciplines, languages, availability, vetting, workload, cc, co, cases: expert(
        id,
        country,
        disciplines,
        languages,
        organisation=org,
        availability=availability,
        vetting=vetting,
        workload=workload,
        conflict_countries=cc,
        conflict_organisations=co,
        conflict_cases=cases,
    ),
    id=st.integers(1, 10_000),
    country=st.sampled_from(["UZ", "KZ", "KG", "TJ", "TM"]),
    org=st.integers(1, 5),
    disciplines=st.sets(st.sampled_from(list(DISCIPLINES)), max_size=3),
    languages=st.sets(st.sampled_from(list(LANGUAGES)), max_size=3),
    availability=st.sampled_from(["available", "limited", "unavailable"]),
    vetting=st.sampled_from(["vetted", "vetted", "pending"]),
    workload=st.integers(0, 6),
    cc=st.sets(st.sampled_from(["UZ", "KZ", "KG"]), max_size=1),
    co=st.sets(st.integers(1, 5), max_size=1),
    cases=st.sets(st.sampled_from(["C-1", "C-2"]), max_size=1),
)
requests = st.builds(
    lambda disciplines, languages, country, org, case, exclude, extra: request(
        disciplines=sorted(disciplines),
        languages=sorted(languages),
        requester_country=country,
        requester_organisation_id=org,
        case_keys=frozenset(filter(None, [case])),
        exclude_own_country=exclude,
        panel_size=len(disciplines) + extra,
    ),
    disciplines=st.sets(st.sampled_from(list(DISCIPLINES)), min_size=1, max_size=5),
    languages=st.sets(st.sampled_from(list(LANGUAGES)), max_size=3),
    country=st.sampled_from(["UZ", "KZ", "KG"]),
    org=st.integers(1, 5),
    case=st.sampled_from([None, "C-1", "C-2"]),
    exclude=st.booleans(),
    extra=st.integers(0, 2),
)


@settings(max_examples=300, deadline=None)
@given(req=requests, council=st.lists(candidates, max_size=30, unique_by=lambda c: c.id))
def test_panel_never_holds_an_excluded_expert_and_covers_all_it_can(req, council):
    proposal = propose_panel(req, council)

    excluded = {e.expert.id for e in proposal.excluded}
    panel = {entry.expert.id for entry in proposal.panel}
    assert not panel & excluded
    assert panel <= {entry.expert.id for entry in proposal.ranked}
    assert excluded | {entry.expert.id for entry in proposal.ranked} == {c.id for c in council}
    assert all(e.causes == exclusion_causes(req, e.expert) != () for e in proposal.excluded)
    assert all(exclusion_causes(req, entry.expert) == () for entry in proposal.ranked)
    if proposal.panel:
        assert check_panel(req, [entry.expert for entry in proposal.panel]) == []
    keys = [(entry.score.key, -entry.expert.id) for entry in proposal.ranked]
    assert keys == sorted(keys, reverse=True)
    coverable = {d for entry in proposal.ranked for d in entry.covers}
    covered = {d for entry in proposal.panel for d in entry.covers}
    assert covered == coverable  # panel_size >= number of requested disciplines here
