"""Link every source record into persons and households, and keep reviewers' decisions."""

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from doorbraak.core.audit import audit_record
from doorbraak.core.encodings import ENCODED_FIELDS
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.intake.models import SourceRecord
from doorbraak.linkage.households import DATE_OF_KIND, Sighting, households
from doorbraak.linkage.link import LinkResult, link, pair_key
from doorbraak.linkage.models import LinkRun, RecordLink, ReviewDecision, ReviewPair

log = logging.getLogger("doorbraak.linkage")
CHUNK = 5000
DATE_FIELDS = tuple(dict.fromkeys(DATE_OF_KIND.values()))  # a record carries one of them
CARRIED = ("bsn_pseudonym", "birth_year", "address_pseudonym", "postcode4")


def records_for_linkage() -> tuple[list[dict[str, str]], dict[str, dict[str, str]]]:
    """Source records that carry identity encodings, as `link` wants them, plus context."""
    records, context = [], {}
    rows = SourceRecord.objects.values_list("pk", "partner__code", "payload").iterator(CHUNK)
    for pk, partner, payload in rows:
        if not any(payload.get(name) for name in ENCODED_FIELDS):
            continue
        record_id = str(pk)
        date = next((str(payload[f]) for f in DATE_FIELDS if payload.get(f)), "")
        records.append(
            {
                "id": record_id,
                "partner": partner,
                **{name: payload.get(name) or "" for name in (*ENCODED_FIELDS, *CARRIED)},
                "date": date[:10],
            }
        )
        context[record_id] = {
            "geboortejaar": payload.get("birth_year") or "",
            "buurt": payload.get("buurt_code") or "",
            "postcodegebied": payload.get("postcode4") or "",
            "partner": partner,
        }
    return records, context


def decisions_current() -> dict[tuple[str, str], bool]:
    """The newest decision per pair (decisions are kept; a later one overrides)."""
    found: dict[tuple[str, str], bool] = {}
    for left, right, same in ReviewDecision.objects.values_list("left_id", "right_id", "same"):
        found[pair_key(str(left), str(right))] = same
    return found


def linkage_run(*, actor: Any = None, progress: Callable[[str], None] | None = None) -> LinkRun:
    """Link all source records; store the run atomically (a failed run leaves nothing)."""
    say = progress or (lambda message: None)
    records, context = records_for_linkage()
    if not records:
        raise UserError(
            "koppeling-geen-records",
            "Er zijn nog geen aangeleverde records met identiteitsgegevens om te koppelen.",
        )
    decisions = decisions_current()
    inputs = _inputs_fingerprint(records, decisions)
    latest = run_latest()
    if latest is not None and latest.report.get("inputs") == inputs:
        say(f"koppelen: niets veranderd sinds koppelrun {latest.pk}")
        return latest
    say(f"koppelen: {len(records)} records")
    result = link(records, decisions)
    say(f"koppelen: {result.identities} identiteiten, {result.persons} personen")
    household_of = households(
        Sighting(
            r["id"], result.person_of[r["id"]], r["address_pseudonym"], r["date"], r["birth_year"]
        )
        for r in records
    )
    with transaction.atomic():
        run = LinkRun.objects.create(
            status=LinkRun.Status.DONE,
            records=len(records),
            identities=result.identities,
            persons=result.persons,
            households=len(set(household_of.values())),
            matches=len(result.matches),
            review_size=len(result.review),
            decisions_used=result.decided,
            seconds=result.seconds,
            report=_report(result) | {"inputs": inputs},
            finished_at=timezone.now(),
        )
        _links_store(run, result, household_of)
        ReviewPair.objects.bulk_create(
            (
                ReviewPair(
                    run=run,
                    left_id=int(pair.left),
                    right_id=int(pair.right),
                    probability=pair.probability,
                    agreement=pair.agreement,
                    context={"links": context[pair.left], "rechts": context[pair.right]},
                )
                for pair in result.review
            ),
            batch_size=CHUNK,
        )
        audit_record(
            actor=actor,
            action=AuditAction.LINKAGE_RUN,
            object_type="linkage.LinkRun",
            object_id=str(run.pk),
            result="ok",
        )
    say(f"koppelen: {run.persons} personen in {run.households} huishoudens")
    return run


def _inputs_fingerprint(
    records: list[dict[str, str]], decisions: dict[tuple[str, str], bool]
) -> str:
    """Same records with the same content and the same decisions: the same run."""
    digest = hashlib.sha256()
    for record in sorted(records, key=lambda r: int(r["id"])):
        digest.update(json.dumps(record, sort_keys=True).encode())
    digest.update(json.dumps(sorted(decisions.items())).encode())
    return digest.hexdigest()


def _links_store(run: LinkRun, result: LinkResult, household_of: dict[str, str]) -> None:
    batch: list[RecordLink] = []
    for record_id, person in result.person_of.items():
        batch.append(
            RecordLink(
                run=run,
                record_id=int(record_id),
                person_key=person,
                household_key=household_of[record_id],
            )
        )
        if len(batch) >= CHUNK:
            RecordLink.objects.bulk_create(batch)
            batch = []
    RecordLink.objects.bulk_create(batch)


def _report(result: LinkResult) -> dict[str, Any]:
    partner_of = dict(
        SourceRecord.objects.filter(
            pk__in={int(p.left) for p in result.matches} | {int(p.right) for p in result.matches}
        ).values_list("pk", "partner__code")
    )
    pairs = Counter(
        " - ".join(sorted((partner_of[int(p.left)], partner_of[int(p.right)])))
        for p in result.matches
    )
    return {
        **quality_estimate(result),
        "partner_pairs": dict(pairs.most_common()),
        "parameters": [list(row) for row in result.parameters],
        "conflicts": len(result.conflicts),
    }


def quality_estimate(result: LinkResult) -> dict[str, float]:
    """The model's own estimate of precision and recall, from its match probabilities.

    Precision: the mean probability of the pairs taken as matches. Recall: the expected true
    matches among those, over the expected true matches among all scored pairs (the review
    list's included; pairs below the review threshold are left out, so it is an upper bound).
    Measured against the synthetic truth, the figures in docs/benchmarks.md are the check.
    """
    taken = [pair.probability for pair in result.matches]
    missed = [pair.probability for pair in result.review]
    if not taken:
        return {"estimated_precision": 0.0, "estimated_recall": 0.0}
    return {
        "estimated_precision": sum(taken) / len(taken),
        "estimated_recall": sum(taken) / (sum(taken) + sum(missed)),
    }


def run_latest() -> LinkRun | None:
    return LinkRun.objects.filter(status=LinkRun.Status.DONE).order_by("-pk").first()


@transaction.atomic
def review_decide(*, pair: ReviewPair, same: bool, user: Any) -> ReviewDecision:
    decision = ReviewDecision.objects.create(
        left_id=pair.left_id, right_id=pair.right_id, same=same, decided_by=user
    )
    audit_record(
        actor=user,
        action=AuditAction.LINKAGE_DECIDE,
        object_type="linkage.ReviewPair",
        object_id=str(pair.pk),
        result="same" if same else "different",
    )
    return decision
