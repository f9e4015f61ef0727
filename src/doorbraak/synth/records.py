"""What each partner holds about a fact, and when: the rows its exports carry.

A fact lands in the export of the year it happened, in the state known at that year's end;
when it changes in a later year (a plan ends, an outreach closes) the partner sends the row
again with the new state, as overlapping real exports do.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any

from doorbraak.synth.brp import Registration
from doorbraak.synth.capitals import INSTRUMENT
from doorbraak.synth.days import year_of
from doorbraak.synth.exports import Exports
from doorbraak.synth.facts import Assessment, Enrolment, Outcome, Plan, Signal
from doorbraak.synth.interventions import BY_CODE
from doorbraak.synth.partners import Roles
from doorbraak.synth.poverty import StatusYear

Values = dict[str, Any]


class Recorder:
    def __init__(self, exports: Exports, roles: Roles, as_of: date, start_day: int = 0) -> None:
        self.exports, self.roles = exports, roles
        self.end_day = as_of.toordinal()
        self.start_day = start_day
        self.last_year = as_of.year

    def cutoff(self, year: int) -> int:
        return min(date(year, 12, 31).toordinal(), self.end_day - 1)

    def _versions(self, start: int, change: int | None) -> list[tuple[int, int]]:
        """(day that picks the file, cutoff of the state shown) for each time a row is sent."""
        first = year_of(start)
        versions = [(start, self.cutoff(first))]
        if change is not None and year_of(change) > first:
            versions.append((change, self.cutoff(year_of(change))))
        return versions

    def signal(self, rng: random.Random, signal: Signal) -> None:
        emit, hid = self.exports.emit, signal.household.hid
        args = (signal.sid, signal.person, signal.address, hid)
        if signal.kind == "school" and signal.creditor:
            _, school_type = self.roles.school((signal.day - signal.person.birth) / 365.25)
            values: Values = {
                "school_type": school_type,
                "absence_start": signal.origin,
                "absence_hours": signal.hours,
                "reported_date": signal.day,
            }
            emit(rng, signal.creditor, "absence", *args, signal.day, values)
        elif signal.creditor:
            values = {
                "signal_kind": signal.kind,
                "amount": signal.amount,
                "arrears_since": signal.origin,
                "signal_date": signal.day,
                "crisis": signal.crisis,
            }
            emit(rng, signal.creditor, "arrears", *args, signal.day, values)
        municipality = self.roles.municipality[signal.gemeente]
        for day, cutoff in self._versions(signal.day, signal.end):
            emit(rng, municipality, "outreach", *args, day, self._outreach(signal, cutoff))

    def _outreach(self, signal: Signal, cutoff: int) -> Values:
        def known(day: int | None) -> int | None:
            return day if day is not None and day <= cutoff else None

        attempted = known(signal.first_attempt)
        closed = known(signal.end)
        return {
            "signal_kind": signal.kind,
            "creditor": self.roles.name(signal.creditor, signal.kind),
            "amount": signal.amount,
            "arrears_since": signal.origin,
            "signal_date": signal.day,
            "crisis": signal.crisis,
            "first_attempt_date": attempted,
            "contact_method": signal.method if attempted else None,
            "reached": (known(signal.reached) is not None) if attempted else None,
            "reached_date": known(signal.reached),
            "end_result": signal.result if closed else None,
            "end_date": closed,
        }

    def plan(self, rng: random.Random, plan: Plan) -> None:
        municipality = self.roles.municipality[plan.gemeente]
        address = plan.household.residence_on(plan.start).address
        hid = plan.household.hid
        for day, cutoff in self._versions(plan.start, plan.end):
            final = plan.end is None or plan.end <= cutoff
            for number, goal in enumerate(plan.goals, start=1):
                values: Values = {
                    "goal_number": number,
                    "plan_start": plan.start,
                    "plan_end": plan.end if final else None,
                    "plan_status": plan.status if final else "actief",
                    "capital": goal.capital,
                    "goal_text": goal.text,
                    "goal_status": goal.status if final else "lopend",
                }
                self.exports.emit(
                    rng,
                    municipality,
                    "plan_goal",
                    plan.plan_id,
                    plan.applicant,
                    address,
                    hid,
                    day,
                    values,
                )
        export = self.exports.partners.get(municipality)
        plan_key = export.key("plan_goal", plan.plan_id) if export else ""
        for assignment in plan.assignments:
            for day, cutoff in self._versions(assignment.start, assignment.end):
                end = (
                    assignment.end
                    if assignment.end is not None and assignment.end <= cutoff
                    else None
                )
                values = {
                    "plan_id": plan_key,
                    "contact_person": assignment.contact,
                    "assign_start": assignment.start,
                    "assign_end": end,
                }
                self.exports.emit(
                    rng,
                    municipality,
                    "contact_assignment",
                    assignment.aid,
                    plan.applicant,
                    address,
                    hid,
                    day,
                    values,
                )

    def enrolment(self, rng: random.Random, enrolment: Enrolment) -> None:
        partners = [BY_CODE[enrolment.intervention].provider]
        if enrolment.experiment:
            partners.append(self.roles.municipality[enrolment.gemeente])
        for day, cutoff in self._versions(enrolment.start, enrolment.end):
            ended = enrolment.end is not None and enrolment.end <= cutoff
            values: Values = {
                "intervention": enrolment.intervention,
                "experiment": enrolment.experiment or "",
                "enrol_start": enrolment.start,
                "enrol_end": enrolment.end if ended else None,
                "end_reason": enrolment.end_reason if ended else None,
            }
            for partner in partners:
                self.exports.emit(
                    rng,
                    partner,
                    "enrolment",
                    enrolment.eid,
                    enrolment.person,
                    enrolment.address,
                    enrolment.household.hid,
                    day,
                    dict(values),
                )

    def income_support(self, rng: random.Random, spell: list[StatusYear]) -> None:
        """The gemeente's decision for a spell of a person's years in poverty in one household:
        sent in the year it starts and again, with its last day, in the year it ends."""
        first, last = spell[0], spell[-1]
        final = last.end - 1 if last.end <= self.end_day else None
        for day, cutoff in self._versions(first.start, final):
            values: Values = {
                "provision": first.basis,
                "support_start": first.start,
                "support_end": final if final is not None and final <= cutoff else None,
                "income_pct": first.income_pct,
                "threshold_pct": first.threshold,
            }
            self.exports.emit(
                rng, self.roles.municipality[first.gemeente], "income_support", first.rid,
                first.person, first.address, first.household.hid, day, values,
            )  # fmt: skip

    def assessment(self, rng: random.Random, reading: Assessment) -> None:
        values: Values = {
            "assessment_date": reading.day,
            "instrument": INSTRUMENT,
            "instrument_version": reading.version,
            "level_economisch": reading.levels[0],
            "level_sociaal": reading.levels[1],
            "level_cultureel": reading.levels[2],
            "level_pedagogisch": reading.levels[3],
            "level_mentaal": reading.levels[4],
            "informal_help": reading.informal_help,
            "self_confidence": reading.self_confidence,
            "at_home_in_neighbourhood": reading.at_home,
        }
        self.exports.emit(
            rng,
            self.roles.assessor[reading.gemeente],
            "assessment",
            reading.aid,
            reading.person,
            reading.address,
            reading.household.hid,
            reading.day,
            values,
        )

    def outcome(self, rng: random.Random, outcome: Outcome) -> None:
        emit: Callable[..., None] = self.exports.emit
        args = (outcome.oid, outcome.person, outcome.address, outcome.household.hid, outcome.day)
        if outcome.kind == "startkwalificatie":
            school = (
                "roc-veenstreek"
                if outcome.detail.startswith("MBO")
                else "scholengemeenschap-veendal"
            )
            emit(
                rng,
                school,
                "diploma",
                *args,
                {"qualification": outcome.detail, "diploma_date": outcome.day},
            )
        elif outcome.kind == "passend_werk":
            emit(
                rng,
                "werkbedrijf-veenkolonien",
                "placement",
                *args,
                {
                    "work_start": outcome.day,
                    "hours_per_week": outcome.hours,
                    "contract_kind": outcome.detail,
                },
            )

    def registration(self, rng: random.Random, registration: Registration, fact_id: int) -> None:
        """A BRP registration, in the extract of the gemeente of the address if it delivers
        one (`synth.brp`): sent in the year it starts (registrations from before the
        programme in its first year) and again in the year it ends."""
        gemeente = registration.address.gemeente
        partner = self.roles.municipality.get(gemeente)
        if partner is None or gemeente not in self.roles.brp:
            return
        start, end = registration.start, registration.end
        for day, cutoff in self._versions(max(start, self.start_day), end):
            ended = end is not None and end <= cutoff
            values: Values = {
                "role": registration.role,
                "registered_from": start,
                "registered_to": end if ended else None,
            }
            self.exports.emit(
                rng, partner, "brp", fact_id, registration.person, registration.address,
                registration.household.hid, day, values,
            )  # fmt: skip
            if "record_id" in values and registration.fault:
                self._brp_fault(partner, day, values, registration)

    def _brp_fault(
        self, partner: str, day: int, values: Values, registration: Registration
    ) -> None:
        fault: tuple[str, Any, Any]
        if registration.start != registration.true_start:
            fault = ("registered_from", registration.true_start, registration.start)
        elif values["registered_to"] is not None or registration.fault != "brp_late_registration":
            fault = ("registered_to", registration.true_end, values["registered_to"])
        else:
            return  # the late end is not in this row yet
        self.exports.note_fault(
            partner, "brp", day, values["record_id"], (registration.fault, *fault)
        )
