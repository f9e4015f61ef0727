"""Writes: publishing an XLSForm as a frozen version, rounds, invitations and reminders, and
submitting a response (ADR 0035). Keyword-only `<entity>_<action>` functions; views and
commands stay thin.
"""

import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from doorbraak.areas.models import Area
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.periods import period_parse
from doorbraak.partners.models import Partner
from doorbraak.surveys.answering import Checked, Raw, answers_check, stored
from doorbraak.surveys.imports import ImportResult, responses_read
from doorbraak.surveys.models import (
    Answer,
    Choice,
    Invitation,
    Question,
    Response,
    ResponseImport,
    RoundStatus,
    Survey,
    SurveyRound,
    SurveyVersion,
)
from doorbraak.surveys.selectors import definition_of
from doorbraak.surveys.shipped import SHIPPED, shipped_path
from doorbraak.surveys.xlsform import check_xlsform

REMIND_AFTER_DAYS = 7
MOST_REMINDERS = 2


def survey_publish(*, path: Path, audience: str, today: dt.date) -> SurveyVersion:
    """Publish an XLSForm as a frozen version; the same file again changes nothing."""
    definition, problems = check_xlsform(path)
    if problems:
        raise ProblemsError(
            "xlsform_ongeldig",
            f"{path.name}: het formulier heeft {len(problems)} problemen.",
            [str(p) for p in problems],
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    survey, _ = Survey.objects.get_or_create(
        code=definition.form_id, defaults={"title": definition.title, "audience": audience}
    )
    existing = survey.versions.filter(version=definition.version).first()
    if existing is not None:
        if existing.source_sha256 != digest:
            raise UserError(
                "versie_bevroren",
                f"Versie {definition.version} van '{survey.code}' is al gepubliceerd en ligt "
                "vast; geef het gewijzigde formulier een nieuw versienummer (blad settings, "
                "kolom version).",
            )
        return existing
    with transaction.atomic():
        version = SurveyVersion.objects.create(
            survey=survey,
            version=definition.version,
            title=definition.title,
            source_sha256=digest,
            published_on=today,
        )
        Question.objects.bulk_create(
            Question(version=version, position=n, **{k: getattr(q, k) for k in _QUESTION_FIELDS})
            for n, q in enumerate(definition.questions)
        )
        Choice.objects.bulk_create(
            Choice(version=version, position=n, list_name=c.list_name, name=c.name, label=c.label)
            for n, c in enumerate(definition.choices)
        )
    return version


_QUESTION_FIELDS = (
    "name",
    "type",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "constraint_message",
    "list_name",
    "group",
    "depth",
)


def round_open(*, version: SurveyVersion, period: str) -> SurveyRound:
    parsed = period_parse(period)
    found, _ = SurveyRound.objects.get_or_create(
        version=version, period=parsed.identifier, defaults={"counts_on": parsed.start}
    )
    return found


def round_close(*, survey_round: SurveyRound) -> None:
    """Close the round and write its responses again in a shuffled order, with fresh keys
    (ADR 0042): PostgreSQL's heap and SQLite's rowids keep rows in the order they were
    written, which is the order of submission, and so could line responses up with the
    invitations completed; after the close, that order is a random one."""
    with transaction.atomic():
        locked = SurveyRound.objects.select_for_update().get(pk=survey_round.pk)
        if locked.status != RoundStatus.CLOSED:
            _responses_shuffle(locked)
        SurveyRound.objects.filter(pk=locked.pk).update(status=RoundStatus.CLOSED)
    survey_round.status = RoundStatus.CLOSED


def _responses_shuffle(survey_round: SurveyRound) -> None:
    """Delete the round's responses and answers and insert them again, each table in an order
    drawn from the system's random source, under new random keys."""
    shuffler = secrets.SystemRandom()
    responses = list(survey_round.responses.all())
    if not responses:
        return
    # by the responses' keys in chunks, never a join: on PostgreSQL a DELETE .. IN (a join)
    # over freshly loaded tables without statistics once ran for minutes
    keys = [response.pk for response in responses]
    chunks = [keys[start : start + 2000] for start in range(0, len(keys), 2000)]
    answers = [a for chunk in chunks for a in Answer.objects.filter(response_id__in=chunk)]
    for chunk in chunks:
        Answer.objects.filter(response_id__in=chunk).delete()
        Response.objects.filter(pk__in=chunk).delete()
    new_key = {response.pk: uuid.uuid4() for response in responses}
    shuffler.shuffle(responses)
    for response in responses:
        response.pk = new_key[response.pk]
    Response.objects.bulk_create(responses)
    shuffler.shuffle(answers)
    for answer in answers:
        answer.pk = uuid.uuid4()
        answer.response_id = new_key[answer.response_id]
    Answer.objects.bulk_create(answers, batch_size=2000)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def recipient_key(address: str) -> str:
    """A keyed hash of an e-mail address: recognises it again, never gives it back."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.strip().lower().encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Link:
    address: str  # empty: a letter for a resident
    token: str


def invitations_create(
    *,
    survey_round: SurveyRound,
    today: dt.date,
    partner: Partner | None = None,
    area: Area | None = None,
    addresses: Iterable[str] = (),
    letters: int = 0,
) -> list[Link]:
    """One invitation per address (a professional of the partner) or per letter (a resident of
    the area); returns the one-time links, which are stored only as hashes."""
    if (partner is None) == (area is None):
        raise UserError("uitnodiging_groep", "Nodig uit voor één partner of voor één gebied.")
    links = [Link(a.strip(), secrets.token_urlsafe(24)) for a in addresses if a.strip()]
    links += [Link("", secrets.token_urlsafe(24)) for _ in range(letters)]
    _group_large_enough(survey_round, partner, area, len(links))
    Invitation.objects.bulk_create(
        Invitation(
            round=survey_round,
            token_sha256=_token_hash(link.token),
            recipient_key=recipient_key(link.address) if link.address else "",
            partner=partner,
            sector=partner.sector if partner else "",
            area=area,
            sent_on=today,
        )
        for link in links
    )
    return links


def _group_large_enough(
    survey_round: SurveyRound, partner: Partner | None, area: Area | None, adding: int
) -> None:
    """Refuse a group that would have fewer invitations in the round than the disclosure
    threshold: its responses carry the group, so on the raw table a group of one or two is
    identifiable, whatever the gate hides (ADR 0042)."""
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    already = survey_round.invitations.filter(partner=partner, area=area).count()
    if already + adding < threshold:
        who = f"partner {partner.code}" if partner else f"gebied {area.code if area else ''}"
        raise UserError(
            "groep_te_klein",
            f"Te weinig uitnodigingen voor {who}: {already + adding}, terwijl een groep "
            f"minstens {threshold} uitnodigingen moet hebben. Met minder is een antwoord "
            "aan een persoon te koppelen. Nodig meer mensen uit, of voeg de groep samen met "
            "een andere.",
        )


def invitation_mail(*, link: Link, title: str, base_url: str, reminder: bool = False) -> None:
    url = f"{base_url.rstrip('/')}/enquete/{link.token}/"
    opening = "Herinnering: " if reminder else ""
    send_mail(
        subject=f"{opening}Uitnodiging: {title}",
        message=(
            f"U bent uitgenodigd voor de enquête '{title}'. Uw antwoorden zijn anoniem: ze worden "
            f"niet aan u of deze uitnodiging gekoppeld.\n\nDe link werkt één keer:\n{url}\n"
        ),
        from_email=None,
        recipient_list=[link.address],
    )


def reminders_due(*, survey_round: SurveyRound, today: dt.date) -> list[Invitation]:
    last = today - dt.timedelta(days=REMIND_AFTER_DAYS)
    return [
        i
        for i in survey_round.invitations.filter(completed=False, reminders__lt=MOST_REMINDERS)
        if (i.last_reminded_on or i.sent_on) <= last
    ]


def reminders_send(
    *, survey_round: SurveyRound, today: dt.date, addresses: Iterable[str] = ()
) -> list[Link]:
    """A fresh one-time link for every due invitation (the old one stops working): by mail to
    a matching address from the list given, as a letter link for residents."""
    keyed = {recipient_key(a): a.strip() for a in addresses if a.strip()}
    links = []
    for invitation in reminders_due(survey_round=survey_round, today=today):
        address = keyed.get(invitation.recipient_key, "") if invitation.recipient_key else ""
        if invitation.recipient_key and not address:
            continue  # no address to send it to
        link = Link(address, secrets.token_urlsafe(24))
        Invitation.objects.filter(pk=invitation.pk).update(
            token_sha256=_token_hash(link.token),
            reminders=invitation.reminders + 1,
            last_reminded_on=today,
        )
        links.append(link)
    return links


def invitation_by_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("round__version__survey")
        .filter(token_sha256=_token_hash(token))
        .first()
    )
    if invitation is None:
        raise UserError(
            "link_onbekend",
            "Deze link is onbekend of vervangen door een nieuwere (bijvoorbeeld uit een "
            "herinnering).",
        )
    if invitation.completed:
        raise UserError("link_gebruikt", "Met deze link is de enquête al ingevuld. Dank u wel!")
    if invitation.round.status != RoundStatus.OPEN:
        raise UserError("enquete_gesloten", "Deze enquête is gesloten.")
    return invitation


def response_submit(*, token: str, raw: Mapping[str, Raw]) -> Checked:
    """Check the answers; when they hold, store them as an anonymous response and mark the
    invitation completed, in one transaction (a second submit with the same link fails)."""
    with transaction.atomic():
        invitation = invitation_by_token(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.completed:
            raise UserError("link_gebruikt", "Met deze link is de enquête al ingevuld. Dank u wel!")
        checked = answers_check(definition_of(invitation.round.version), raw)
        if not checked.ok:
            return checked
        response_store(
            survey_round=invitation.round,
            checked=checked,
            partner=invitation.partner,
            sector=invitation.sector,
            area=invitation.area,
            source="web",
        )
        Invitation.objects.filter(pk=invitation.pk).update(completed=True)
    return checked


def response_store(
    *,
    survey_round: SurveyRound,
    checked: Checked,
    partner: Partner | None,
    sector: str,
    area: Area | None,
    source: str,
) -> None:
    response = Response.objects.create(
        round=survey_round, partner=partner, sector=sector, area=area, source=source
    )
    answers = []
    for name, value in checked.values.items():
        text, score = stored(value)
        answers.append(Answer(response=response, question=name, value=text, score=score))
    Answer.objects.bulk_create(answers)


def responses_import(
    *,
    survey_round: SurveyRound,
    path: Path,
    partner: Partner | None = None,
    area: Area | None = None,
) -> ImportResult:
    """Store the accepted rows of a LimeSurvey or KoboToolbox export as anonymous responses of
    the group given (one transaction); the rejected rows are reported with their reason."""
    if survey_round.status != RoundStatus.OPEN:
        raise UserError(
            "enquete_gesloten", "Deze ronde is gesloten: importeer antwoorden voor u haar sluit."
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    if survey_round.imports.filter(source_sha256=digest).exists():
        raise UserError(
            "import_al_gedaan",
            f"{path.name} is al geïmporteerd voor deze ronde; een tweede keer zou elk "
            "antwoord dubbel tellen.",
        )
    definition = definition_of(survey_round.version)
    result = responses_read(definition, path)
    with transaction.atomic():
        ResponseImport.objects.create(
            round=survey_round,
            source_sha256=digest,
            source=result.source,
            accepted=result.accepted,
            rejected=result.rejected,
        )
        for raw in result.accepted_rows:
            response_store(
                survey_round=survey_round,
                checked=answers_check(definition, raw),
                partner=partner,
                sector=partner.sector if partner else "",
                area=area,
                source=result.source,
            )
    return result


@dataclass(frozen=True)
class RoundToLoad:
    """A round given whole (the synthetic region's): invitations per group and the answers."""

    survey: str
    period: str
    invited: Mapping[str, int]  # partner or area code -> invitations sent
    responses: Sequence[tuple[str, Mapping[str, Raw]]]  # (group code, answers)


def rounds_load(*, rounds: Iterable[RoundToLoad], today: dt.date) -> int:
    """Publish the shipped survey when needed, and load each round closed: its invitations
    (completed as many as answered, per group), its responses. A round already there is left
    alone. Returns the responses stored."""
    stored_count = 0
    for given in rounds:
        form_id = given.survey
        version = survey_publish(
            path=shipped_path(form_id), audience=SHIPPED[form_id][1], today=today
        )
        survey_round = round_open(version=version, period=given.period)
        if survey_round.invitations.exists() or survey_round.responses.exists():
            continue
        with transaction.atomic():
            stored_count += _round_fill(survey_round, given, today)
        round_close(survey_round=survey_round)
    return stored_count


def _round_fill(survey_round: SurveyRound, given: RoundToLoad, today: dt.date) -> int:
    definition = definition_of(survey_round.version)
    partners = {p.code: p for p in Partner.objects.filter(code__in=given.invited)}
    areas = {a.code: a for a in Area.objects.filter(code__in=given.invited).order_by("vintage")}
    answered: dict[str, int] = {}
    for group, raw in given.responses:
        checked = answers_check(definition, raw)
        if not checked.ok:
            raise UserError(
                "synthetisch_antwoord", f"Een synthetisch antwoord klopt niet: {checked.errors}"
            )
        partner, area = partners.get(group), areas.get(group)
        response_store(
            survey_round=survey_round,
            checked=checked,
            partner=partner,
            sector=partner.sector if partner else "",
            area=area,
            source="synthetisch",
        )
        answered[group] = answered.get(group, 0) + 1
    for group, count in given.invited.items():
        partner, area = partners.get(group), areas.get(group)
        if partner is None and area is None:
            continue
        links = invitations_create(
            survey_round=survey_round,
            today=survey_round.counts_on,
            partner=partner,
            area=area,
            letters=count,
        )
        done = [_token_hash(link.token) for link in links[: answered.get(group, 0)]]
        Invitation.objects.filter(token_sha256__in=done).update(completed=True)
    return len(given.responses)
