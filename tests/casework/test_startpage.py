"""Fatima's start page (issue 14, item 6): new this week, plans whose review is due,
households without contact for DOORBRAAK_CASEWORK_NO_CONTACT_DAYS, handovers waiting; each
names the household's members and links to it, and lists only her own households."""

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorbraak.casework import plans, services
from doorbraak.casework.models import CaseHousehold, CaseRole
from doorbraak.casework.startpage import start_page
from doorbraak.outreach import services as outreach
from doorbraak.outreach.models import Toeleiding, Vroegsignaal
from doorbraak.partners.models import Partner, Role, User

from .conftest import ADDRESS, BSN_MOTHER, CONSENT, MOTHER, ProfessionalOf

TODAY = timezone.localdate()


def _names(items: Any) -> list[str]:
    return [", ".join(i.names) for i in items]


def _age(household: CaseHousehold, days: int) -> None:
    """As if she became involved `days` ago."""
    CaseRole.objects.filter(household=household).update(started_on=TODAY - dt.timedelta(days=days))


def _other(professional: ProfessionalOf, who: str, name: str) -> CaseHousehold:
    return services.household_register(
        actor=professional(who),
        members=[services.MemberInput(name=name, birth_date=dt.date(1975, 5, 5))],
        address=ADDRESS,
        ground=CONSENT,
    )


def test_a_household_new_to_her_this_week(household: CaseHousehold) -> None:
    page = start_page(household.registered_by)
    assert _names(page.new) == [f"{MOTHER}, Noor Bakker"]
    assert page.new[0].reason == "nieuw bij u"
    _age(household, 10)
    assert start_page(household.registered_by).new == []


def test_a_contact_that_did_not_reach_them_is_new(household: CaseHousehold) -> None:
    _age(household, 30)
    plans.contact_record(
        actor=household.registered_by,
        household=household,
        on=TODAY - dt.timedelta(days=2),
        kind="telefoon",
        reached=False,
    )
    assert [i.reason for i in start_page(household.registered_by).new] == [
        "niet bereikt (telefoon)"
    ]


def test_a_plan_whose_review_is_due(household: CaseHousehold) -> None:
    fatima = household.registered_by
    plan = plans.PlanInput(
        goals=[plans.GoalInput("economisch", "rondkomen")],
        review_on=TODAY - dt.timedelta(days=3),
    )
    plans.plan_save(actor=fatima, household=household, plan=plan)
    due = start_page(fatima).review_due
    assert [(i.reason, i.on) for i in due] == [("bespreking te laat", plan.review_on)]
    later = plans.PlanInput(goals=plan.goals, review_on=TODAY + dt.timedelta(days=60))
    plans.plan_save(actor=fatima, household=household, plan=later)  # the new version counts
    assert start_page(fatima).review_due == []


def test_without_contact_for_two_months_the_threshold_a_setting(
    household: CaseHousehold, settings: Any
) -> None:
    fatima = household.registered_by
    _age(household, 100)
    assert [i.reason for i in start_page(fatima).no_contact] == ["nog geen contact"]
    plans.contact_record(
        actor=fatima,
        household=household,
        on=TODAY - dt.timedelta(days=70),
        kind="huisbezoek",
        reached=True,
    )
    reason = f"laatste contact {TODAY - dt.timedelta(days=70):%d-%m-%Y}"
    assert [i.reason for i in start_page(fatima).no_contact] == [reason]
    settings.CASEWORK_NO_CONTACT_DAYS = 90
    assert start_page(fatima).no_contact == []
    settings.CASEWORK_NO_CONTACT_DAYS = 61
    plans.contact_record(
        actor=fatima, household=household, on=TODAY, kind="telefoon", reached=False
    )
    assert len(start_page(fatima).no_contact) == 1  # not reached is no contact
    plans.contact_record(actor=fatima, household=household, on=TODAY, kind="telefoon", reached=True)
    assert start_page(fatima).no_contact == []


def test_a_handover_waits_until_her_first_contact(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    fatima = household.registered_by
    other = _other(professional, "piet", "Kees de Vries")
    services.handover(actor=other.registered_by, household=other, to=fatima, note="warm")
    waiting = start_page(fatima).handovers
    assert [(", ".join(i.names), i.reason) for i in waiting] == [
        ("Kees de Vries", "overgedragen door Piet")
    ]
    plans.contact_record(actor=fatima, household=other, on=TODAY, kind="telefoon", reached=True)
    assert start_page(fatima).handovers == []


def test_only_her_own_households_and_the_page_names_them(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    _other(professional, "piet", "Kees de Vries")
    client.force_login(household.registered_by)
    page = client.get(reverse("casework:caseload")).content.decode()
    assert "Nieuw deze week" in page
    assert "Nieuwe vroegsignalen (zoals schulden of huurachterstand)" in page
    assert "Kees de Vries" not in page
    new = page[page.index('data-start="nieuw"') :].split("</ul>")[0]
    assert MOTHER in new
    assert reverse("casework:household", args=[household.pk]) in new
    assert 'data-start-empty="overdrachten"' in page


def test_the_start_page_costs_the_same_queries_for_more_households(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    """No query per household: a caseload of 30 costs what a caseload of 3 does."""
    fatima = household.registered_by
    piet = professional("piet")

    def add(n: int) -> None:
        for i in range(n):
            other = _other(professional, f"p{i}-{CaseHousehold.objects.count()}", f"Lid {i}")
            services.handover(actor=other.registered_by, household=other, to=fatima)
            plans.plan_save(
                actor=fatima,
                household=other,
                plan=plans.PlanInput(
                    goals=[plans.GoalInput("sociaal", "x")], review_on=TODAY - dt.timedelta(days=1)
                ),
            )
            plans.contact_record(
                actor=piet, household=other, on=TODAY, kind="telefoon", reached=False
            )

    add(2)
    with CaptureQueriesContext(connection) as small:
        few = start_page(fatima)
    add(10)
    with CaptureQueriesContext(connection) as large:
        many = start_page(fatima)
    assert (len(few.handovers), len(many.handovers)) == (2, 12)
    assert len(many.review_due) == 12
    assert len(large.captured_queries) == len(small.captured_queries)


def _signal(bsn: str, key: str, name: str = MOTHER) -> Vroegsignaal:
    """A rent arrears signal from the gemeente's vroegsignalering, as the outreach app takes it."""
    gemeente = Partner.objects.filter(sector="gemeente").exclude(gemeente_code="").first()
    assert gemeente is not None
    worker = User.objects.create_user(username=f"ilse-{key}", role=Role.OUTREACH, partner=gemeente)
    return outreach.signal_receive(
        actor=worker,
        signal=outreach.SignalInput(
            gemeente_code=gemeente.gemeente_code,
            record_key=key,
            partner_type="Huur",
            signal_date=TODAY - dt.timedelta(days=2),
            amount=640,
            bsn=bsn,
            name=name,
            postcode="9641 AB",
            house_number="12",
        ),
    )


def test_an_early_signal_routed_to_her_is_on_her_start_page(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    """The outreach app routes a signal for a household with a regisseur to her; her start page
    shows it (through outreach's template tag, by name) with a link to the household."""
    fatima = household.registered_by
    _other(professional, "piet", "Kees de Vries")
    _signal(BSN_MOTHER, "huur-1")
    client.force_login(fatima)
    page = client.get(reverse("casework:caseload")).content.decode()
    panel = page[page.index("data-regisseur-signals") :].split("</section>")[0]
    assert "Huur" in panel
    assert f"{(TODAY - dt.timedelta(days=2)):%-d-%-m-%Y}" in panel
    assert reverse("casework:household", args=[household.pk]) in panel
    client.force_login(User.objects.get(username="piet"))
    assert "data-regisseur-signals" not in client.get(reverse("casework:caseload")).content.decode()


def test_a_household_led_on_to_her_is_on_her_start_page(
    household: CaseHousehold, client: Any
) -> None:
    """Outreach led a reached household on to her with its consent: her start page shows it,
    with the way to take it on."""
    fatima = household.registered_by
    led_on = _signal("123456782", "huur-2", name="Kees de Vries").zaak
    Toeleiding.objects.create(
        zaak=led_on,
        partner=fatima.partner,
        professional=fatima,
        consent_on=TODAY,
        consent_scope="hulp bij de huur",
    )
    client.force_login(fatima)
    page = client.get(reverse("casework:caseload")).content.decode()
    panel = page[page.index("data-referrals-panel") :].split("</section>")[0]
    assert "Kees de Vries" in panel
    assert "hulp bij de huur" in panel
    assert "Oppakken en registreren" in panel
