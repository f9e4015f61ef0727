"""Anonymity (ADR 0035): no answer can be tied to its respondent, and no group below the
disclosure threshold is shown."""

import uuid

import pytest
from django.db import connection, models

from doorbraak.core.errors import UserError
from doorbraak.partners.models import Partner, Sector
from doorbraak.surveys.models import Answer, Invitation, Response, SurveyRound
from doorbraak.surveys.selectors import round_results
from doorbraak.surveys.services import invitations_create, response_submit, round_close
from tests.surveys.conftest import ALL_AGREE, TODAY

THRESHOLD = 10


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def test_no_column_links_an_answer_to_an_invitation_or_a_time(demo_world: None) -> None:
    assert _columns("surveys_response") == {
        "id",
        "round_id",
        "partner_id",
        "sector",
        "area_id",
        "source",
    }
    assert _columns("surveys_answer") == {"id", "response_id", "question", "value", "score"}
    # the invitation learns only that it was completed: no completion time, no response key
    assert "completed" in _columns("surveys_invitation")
    assert not {c for c in _columns("surveys_invitation") if "complet" in c and c != "completed"}
    for model in (Response, Answer):
        kinds = {type(f) for f in model._meta.get_fields()}
        assert not kinds & {
            models.DateField,
            models.DateTimeField,
            models.TimeField,
            models.AutoField,
            models.BigAutoField,
        }
        assert isinstance(model._meta.pk, models.UUIDField)
        assert not any(
            getattr(f, "related_model", None) is Invitation for f in model._meta.get_fields()
        )


def test_responses_of_one_group_cannot_be_told_apart_but_by_their_answers(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    links = invitations_create(
        survey_round=survey_round, today=TODAY, partner=partners[0], letters=12
    )
    for n, link in enumerate(links):  # each respondent answers w1_1 differently, in order
        assert response_submit(token=link.token, raw={**ALL_AGREE, "w1_1": str(n % 5 + 1)}).ok
    rows = list(Response.objects.values())
    assert len({tuple(sorted((k, v) for k, v in row.items() if k != "id")) for row in rows}) == 1
    assert all(uuid.UUID(str(row["id"])).version == 4 for row in rows)
    invitations = list(Invitation.objects.values())
    assert (
        len(
            {
                tuple(sorted((k, v) for k, v in i.items() if k not in ("id", "token_sha256")))
                for i in invitations
            }
        )
        == 1
    )
    # the order responses come back in (by key) is not the order they were given
    given = [str(n % 5 + 1) for n in range(12)]
    by_key = [
        Answer.objects.get(response=r, question="w1_1").value
        for r in Response.objects.order_by("id")
    ]
    assert sorted(by_key) == sorted(given)
    assert by_key != given


def _respond(survey_round: SurveyRound, partner: Partner, count: int, agree: int) -> None:
    """`count` of the partner's invitations (at least the threshold's number) answered."""
    links = invitations_create(
        survey_round=survey_round, today=TODAY, partner=partner, letters=max(count, THRESHOLD)
    )
    for n, link in enumerate(links[:count]):
        assert response_submit(
            token=link.token, raw={**ALL_AGREE, "w1_1": "5" if n < agree else "2"}
        ).ok


def test_no_counts_while_the_round_runs(survey_round: SurveyRound, partners: list[Partner]) -> None:
    _respond(survey_round, partners[0], 12, 6)
    results = round_results(survey_round=survey_round, by="partner", threshold=THRESHOLD)
    assert results.running
    assert (results.sent, results.completed, results.questions) == (None, None, [])


def test_no_group_below_the_threshold_is_shown(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    big, small, other = partners
    truth = {big.code: (24, 12), small.code: (3, 1), other.code: (20, 10)}  # answers, agreeing
    for partner in partners:
        _respond(survey_round, partner, *truth[partner.code])
    truth["alle"] = (47, 23)
    round_close(survey_round=survey_round)
    results = round_results(survey_round=survey_round, by="partner", threshold=THRESHOLD)
    w1_1 = next(q for q in results.questions if q.name == "w1_1")
    shown = {g.group: (g.responses, g.agree) for g in w1_1.groups}
    assert shown[small.code] == (None, None)  # 3 answers: below the threshold
    assert shown[other.code][0] is None  # 47 - 24 - 20 would give the small group away
    assert shown[big.code] == (24, 50.0)
    assert shown["alle"] == (47, round(100 * 23 / 47, 1))
    for group, (responses, agree) in shown.items():
        total, agreeing = truth[group]
        assert responses in (None, total)
        assert responses is None or responses >= THRESHOLD
        if agree is not None:  # both the agreeing and the others are no small count
            assert agree == round(100 * agreeing / total, 1)
            assert agreeing >= THRESHOLD
            assert total - agreeing >= THRESHOLD
    # 54 sent, 47 completed: the 7 who did not answer are a small group, so the gate hides it
    assert (results.sent, results.completed) == (54, None)


def test_a_share_whose_complement_is_small_is_hidden(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    big, other, _ = partners
    _respond(survey_round, big, 15, 12)  # 3 disagree: the share would give them away
    _respond(survey_round, other, 20, 10)
    round_close(survey_round=survey_round)
    w1_1 = round_results(survey_round=survey_round, by="partner", threshold=THRESHOLD).questions[0]
    shown = {g.group: g.agree for g in w1_1.groups}
    assert shown[big.code] is None
    assert shown["alle"] == round(100 * 22 / 35, 1)  # 22 agree, 13 do not: both shown


def _physical(table: str) -> list[uuid.UUID]:
    """The table's keys in the order the database keeps its rows: PostgreSQL's heap position
    (ctid), SQLite's rowid; the order someone reading the raw files would see."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {position}")  # noqa: S608 - fixed names
        return [uuid.UUID(str(row[0])) for row in cursor.fetchall()]


def _order_correlation(order: list[int]) -> float:
    """Spearman's rank correlation between the stored position and the submission number
    (distinct numbers 0..n-1: the ranks are the numbers)."""
    n = len(order)
    squares = sum((position - number) ** 2 for position, number in enumerate(order))
    return 1 - 6 * squares / (n * (n * n - 1))


def _stored_order(question: str) -> tuple[list[int], list[int]]:
    """The submission numbers (the answer to `question`) in the stored order of the responses
    and of that question's answers."""
    number = {a.response_id: int(a.value) for a in Answer.objects.filter(question=question)}
    by_answer = dict(Answer.objects.filter(question=question).values_list("id", "value"))
    responses = [number[key] for key in _physical("surveys_response") if key in number]
    answers = [
        int(by_answer[key]) for key in _physical("surveys_answer") if key in by_answer
    ]  # fmt: skip
    return responses, answers


def test_closing_the_round_writes_the_responses_in_a_random_order(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    count = 50
    links = invitations_create(
        survey_round=survey_round, today=TODAY, partner=partners[0], letters=count
    )
    for n, link in enumerate(links):  # the n-th respondent says n hours: the submission order
        assert response_submit(token=link.token, raw={**ALL_AGREE, "uren_relaties": str(n)}).ok
    responses, answers = _stored_order("uren_relaties")
    # while the round runs, the rows lie in submission order: what the close must undo
    assert _order_correlation(responses) > 0.99
    assert _order_correlation(answers) > 0.99
    keys = set(Response.objects.values_list("id", flat=True))
    round_close(survey_round=survey_round)
    responses, answers = _stored_order("uren_relaties")
    assert sorted(responses) == sorted(answers) == list(range(count))  # nothing lost
    # a random order of 50: |rho| > 0.6 has a chance of about 1 in 30,000
    assert abs(_order_correlation(responses)) < 0.6, responses
    assert abs(_order_correlation(answers)) < 0.6, answers
    assert not keys & set(Response.objects.values_list("id", flat=True))  # fresh keys
    assert Answer.objects.count() == count * 7  # six scales and the hours, per response
    survey_round.refresh_from_db()
    assert survey_round.status == "gesloten"


def test_a_group_smaller_than_the_threshold_is_not_invited(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    with pytest.raises(UserError) as refused:
        invitations_create(
            survey_round=survey_round, today=TODAY, partner=partners[0], letters=THRESHOLD - 1
        )
    assert refused.value.code == "groep_te_klein"
    assert f"minstens {THRESHOLD} uitnodigingen" in refused.value.message
    assert not Invitation.objects.exists()
    # a group invited in parts counts every part: ten and then one more is fine
    invitations_create(
        survey_round=survey_round, today=TODAY, partner=partners[0], letters=THRESHOLD
    )
    invitations_create(survey_round=survey_round, today=TODAY, partner=partners[0], letters=1)
    assert Invitation.objects.count() == THRESHOLD + 1


def test_a_sector_never_gives_a_hidden_partner_away(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    """Partners and sectors are gated as one table: a sector's total less its shown partners
    must not give the hidden partner's count (gated apart, it did)."""
    big, small, other = partners
    small.sector = big.sector
    small.save()
    other.sector = next(s for s in Sector.values if s != big.sector)
    other.save()
    _respond(survey_round, big, 30, 15)
    _respond(survey_round, small, 3, 1)
    _respond(survey_round, other, 20, 10)  # the partner table hides it beside the small one
    round_close(survey_round=survey_round)

    def counts(by: str) -> dict[str, int | None]:
        results = round_results(survey_round=survey_round, by=by, threshold=THRESHOLD)
        w1_1 = next(q for q in results.questions if q.name == "w1_1")
        return {g.group: g.responses for g in w1_1.groups}

    by_partner, by_sector = counts("partner"), counts("sector")
    assert by_partner[small.code] is None  # 3 answers
    sector_total = by_sector.get(big.sector)
    shown_partners = [by_partner[p.code] for p in (big, small) if by_partner[p.code] is not None]
    if sector_total is not None:  # its total less the shown partners is no small count
        assert sector_total - sum(shown_partners) not in range(1, THRESHOLD)
    assert by_partner["alle"] is None or by_partner["alle"] - sum(
        n for g, n in by_partner.items() if g != "alle" and n is not None
    ) not in range(1, THRESHOLD)
    assert set(by_sector) <= {"alle", *(p.sector for p in partners)}
