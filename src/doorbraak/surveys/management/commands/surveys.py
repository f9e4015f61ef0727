"""`doorbraak surveys check|publiceer|ronde|uitnodigen|herinneren|importeer|resultaten`: the
survey commands (ADR 0035). `check` needs no database: it reports every problem of an XLSForm
with its sheet and row and exits non-zero when there is one."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from doorbraak.areas.models import Area
from doorbraak.core.errors import UserError
from doorbraak.core.numbers import nl
from doorbraak.partners.models import Partner
from doorbraak.surveys import services
from doorbraak.surveys.models import Audience, SurveyRound, SurveyVersion
from doorbraak.surveys.selectors import BY, round_results
from doorbraak.surveys.shipped import SHIPPED, shipped_path
from doorbraak.surveys.xlsform import check_xlsform

EXIT_PROBLEMS = 1


class Command(BaseCommand):
    help = "Enquêtes: XLSForm controleren en publiceren, rondes, uitnodigingen, import, uitkomsten."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Controleer XLSForm-bestanden; meld alle problemen.")
        check.add_argument(
            "files", type=Path, nargs="*", help="standaard: de meegeleverde enquêtes"
        )
        publish = sub.add_parser("publiceer", help="Publiceer een XLSForm als vaste versie.")
        publish.add_argument(
            "file", type=Path, nargs="?", help="standaard: de meegeleverde enquêtes"
        )
        publish.add_argument("--doelgroep", choices=Audience.values, default=Audience.PROFESSIONALS)
        rounds = sub.add_parser("ronde", help="Open of sluit een ronde van een enquête.")
        self._round_arguments(rounds)
        rounds.add_argument("--sluit", action="store_true", help="sluit de ronde")
        invite = sub.add_parser("uitnodigen", help="Maak eenmalige links en verstuur ze.")
        self._round_arguments(invite)
        self._group_arguments(invite)
        invite.add_argument(
            "--adressen", type=Path, help="e-mailadressen, één per regel (niet bewaard)"
        )
        invite.add_argument("--brieven", type=int, default=0, help="aantal brieven voor inwoners")
        invite.add_argument("--url", default="http://localhost:8000", help="adres van het platform")
        remind = sub.add_parser(
            "herinneren", help="Toon of verstuur herinneringen die aan de beurt zijn."
        )
        self._round_arguments(remind)
        remind.add_argument(
            "--adressen", type=Path, help="dezelfde adressenlijst als bij uitnodigen"
        )
        remind.add_argument(
            "--verstuur", action="store_true", help="verstuur ze (anders alleen tonen)"
        )
        remind.add_argument("--url", default="http://localhost:8000", help="adres van het platform")
        imported = sub.add_parser(
            "importeer", help="Importeer antwoorden uit LimeSurvey of KoboToolbox."
        )
        self._round_arguments(imported)
        imported.add_argument("file", type=Path)
        self._group_arguments(imported)
        results = sub.add_parser(
            "resultaten", help="Uitkomsten van een gesloten ronde, afgeschermd."
        )
        self._round_arguments(results)
        results.add_argument("--per", choices=BY, default="partner")

    def _round_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("survey", help="code van de enquête (form_id)")
        parser.add_argument("period", help="periode, bijvoorbeeld 2025")

    def _group_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--partner", help="code van de partner (professionals)")
        parser.add_argument("--gebied", help="CBS-code van het gebied (inwoners)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "check":
            self._check(options["files"] or [shipped_path(f) for f in SHIPPED])
            return
        handler = {
            "publiceer": self._publish,
            "ronde": self._round,
            "uitnodigen": self._invite,
            "herinneren": self._remind,
            "importeer": self._import,
            "resultaten": self._results,
        }[action]
        handler(options)

    def _check(self, files: list[Path]) -> None:
        total = 0
        for path in files:
            definition, problems = check_xlsform(path)
            for problem in problems:
                self.stdout.write(f"{path.name}: {problem}")
            total += len(problems)
            if not problems:
                self.stdout.write(
                    f"{path.name} is in orde: '{definition.form_id}' versie "
                    f"{definition.version}, {len(definition.questions)} regels."
                )
        if total:
            self.stderr.write(f"{total} probleem/problemen gevonden.")
            sys.exit(EXIT_PROBLEMS)

    def _publish(self, options: dict[str, Any]) -> None:
        today = timezone.localdate()
        if options["file"] is None:
            targets = [(shipped_path(f), audience) for f, (_stem, audience) in SHIPPED.items()]
        else:
            targets = [(options["file"], options["doelgroep"])]
        for path, audience in targets:
            version = services.survey_publish(path=path, audience=audience, today=today)
            self.stdout.write(
                f"'{version.survey.code}' versie {version.version} gepubliceerd (vast)."
            )

    def _survey_round(self, options: dict[str, Any], *, create: bool = False) -> SurveyRound:
        version = (
            SurveyVersion.objects.filter(survey__code=options["survey"])
            .order_by("-published_on", "-version")
            .first()
        )
        if version is None:
            raise UserError(
                "enquete_onbekend",
                f"De enquête '{options['survey']}' is niet gepubliceerd; gebruik "
                "'doorbraak surveys publiceer'.",
            )
        if create:
            return services.round_open(version=version, period=options["period"])
        found = SurveyRound.objects.filter(
            version__survey=version.survey, period=options["period"]
        ).first()
        if found is None:
            raise UserError(
                "ronde_onbekend",
                f"Er is geen ronde {options['period']} van '{options['survey']}'; open haar "
                "met 'doorbraak surveys ronde'.",
            )
        return found

    def _round(self, options: dict[str, Any]) -> None:
        survey_round = self._survey_round(options, create=not options["sluit"])
        if options["sluit"]:
            services.round_close(survey_round=survey_round)
            self.stdout.write(
                f"Ronde {survey_round.period} gesloten: de uitkomsten zijn nu te zien."
            )
        else:
            self.stdout.write(
                f"Ronde {survey_round.period} loopt (telt op {survey_round.counts_on})."
            )

    def _group(self, options: dict[str, Any]) -> tuple[Partner | None, Area | None]:
        partner = area = None
        if options.get("partner"):
            partner = Partner.objects.filter(code=options["partner"]).first()
            if partner is None:
                raise UserError(
                    "partner_onbekend", f"De partner '{options['partner']}' bestaat niet."
                )
        if options.get("gebied"):
            area = Area.objects.filter(code=options["gebied"]).order_by("-vintage").first()
            if area is None:
                raise UserError(
                    "gebied_onbekend", f"Het gebied '{options['gebied']}' bestaat niet."
                )
        return partner, area

    def _addresses(self, path: Path | None) -> list[str]:
        if path is None:
            return []
        if not path.is_file():
            raise UserError("adressen_onbekend", f"Het bestand {path} bestaat niet.")
        return [
            line.strip()
            for line in path.read_text(encoding="utf-8-sig").splitlines()
            if "@" in line
        ]

    def _invite(self, options: dict[str, Any]) -> None:
        survey_round = self._survey_round(options)
        partner, area = self._group(options)
        links = services.invitations_create(
            survey_round=survey_round,
            today=timezone.localdate(),
            partner=partner,
            area=area,
            addresses=self._addresses(options["adressen"]),
            letters=options["brieven"],
        )
        self._deliver(links, survey_round, options["url"], reminder=False)

    def _deliver(
        self, links: list[services.Link], survey_round: SurveyRound, url: str, *, reminder: bool
    ) -> None:
        mailed = 0
        for link in links:
            if link.address:
                services.invitation_mail(
                    link=link, title=survey_round.version.title, base_url=url, reminder=reminder
                )
                mailed += 1
            else:  # a letter: the gemeente prints the link; it is shown once and not stored
                self.stdout.write(f"brief: {url.rstrip('/')}/enquete/{link.token}/")
        self.stdout.write(
            f"{mailed} e-mails verstuurd, {len(links) - mailed} brieflinks hierboven."
        )

    def _remind(self, options: dict[str, Any]) -> None:
        survey_round = self._survey_round(options)
        today = timezone.localdate()
        due = services.reminders_due(survey_round=survey_round, today=today)
        self.stdout.write(f"{len(due)} uitnodigingen zijn aan een herinnering toe.")
        if options["verstuur"]:
            links = services.reminders_send(
                survey_round=survey_round,
                today=today,
                addresses=self._addresses(options["adressen"]),
            )
            self._deliver(links, survey_round, options["url"], reminder=True)

    def _import(self, options: dict[str, Any]) -> None:
        survey_round = self._survey_round(options)
        partner, area = self._group(options)
        result = services.responses_import(
            survey_round=survey_round, path=options["file"], partner=partner, area=area
        )
        for verdict in result.verdicts:
            if not verdict.accepted:
                self.stdout.write(f"rij {verdict.row}: afgewezen: {verdict.reason}")
        self.stdout.write(
            f"{options['file'].name} ({result.source}): {result.accepted} rijen geaccepteerd, "
            f"{result.rejected} afgewezen; niet gelezen kolommen: "
            f"{', '.join(result.ignored_columns) or 'geen'}."
        )

    def _results(self, options: dict[str, Any]) -> None:
        survey_round = self._survey_round(options)
        results = round_results(
            survey_round=survey_round,
            by=options["per"],
            threshold=int(settings.DISCLOSURE_THRESHOLD),
        )
        if results.running:
            self.stdout.write(
                "Deze ronde loopt nog: geen aantallen of uitkomsten tot ze gesloten is."
            )
            return
        rate = results.response_rate
        self.stdout.write(f"Respons: {'afgeschermd' if rate is None else f'{nl(rate)}%'}")
        for question in results.questions:
            self.stdout.write(f"\n{question.name}: {question.label}")
            for group in question.groups:
                shown = "–" if group.agree is None else f"{nl(group.agree)}% eens"
                count = "–" if group.responses is None else str(group.responses)
                self.stdout.write(f"  {group.label}: {count} antwoorden, {shown}")
