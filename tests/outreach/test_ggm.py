"""The GGM's code lists are pinned once (`outreach.ggm`) and our schema transcription holds the
same values; the schema is strict the way DDAS Vroegsignalering v1.2 is (closed objects, the
client's identity rule, v1.2's renamed fields), so a file in an older shape fails."""

import copy
from typing import Any

import pytest

from doorbraak.outreach import ggm
from doorbraak.outreach.exchange import schema_problems

VALID: dict[str, Any] = {
    "codeGegevensleverancier": "doorbraak",
    "startdatumLevering": "2026-11-01",
    "einddatumLevering": "2026-11-30",
    "aanleverdatumEnTijd": "2026-12-01T10:00:00Z",
    "leveringen": [
        {
            "teller": 1,
            "gemeentecode": "0047",
            "aanleverendeOrganisatie": {"naam": "Gemeente Veendam"},
            "vroegsignalen": [
                {
                    "ID": "VS-1",
                    "signaaldatum": "2026-11-02",
                    "bedrag": 450,
                    "status": "Opgepakt",
                    "signaalpartner": {"type": "Energie"},
                    "client": {"burgerservicenummer": "111222333"},
                }
            ],
            "vroegsignaalzaken": [
                {
                    "resultaat": "Vervolghulp en/of verwijzing",
                    "datumOpgepakt": "2026-11-03",
                    "vroegsignalen": [{"ID": "VS-1"}],
                    "contactpogingen": [
                        {"soort": "Telefoon", "bereikt": True, "datum": "2026-11-04"}
                    ],
                }
            ],
        }
    ],
}


def test_the_lists_have_the_sizes_the_change_notes_give() -> None:
    # v1.2-draft notes: Eindresultaat 16, Contactsoort 10; the v1.2 schema: Signaalstatus 8
    assert len(ggm.EINDRESULTAAT) == 16
    assert len(ggm.CONTACTSOORT) == 10
    assert len(ggm.SIGNAALSTATUS) == 8
    assert ggm.DAGDEEL == ("Ochtend", "Middag", "Avond")
    assert len(set(ggm.EINDRESULTAAT)) == len(ggm.EINDRESULTAAT)


@pytest.mark.parametrize(
    ("enum", "values"),
    [
        ("EnumEindresultaat", ggm.EINDRESULTAAT),
        ("EnumSignaalstatus", ggm.SIGNAALSTATUS),
        ("EnumContactsoort", ggm.CONTACTSOORT),
        ("EnumDagdeel", ggm.DAGDEEL),
        ("EnumSignaalpartner", ggm.SIGNAALPARTNER),
    ],
)
def test_the_schema_and_the_lists_agree(enum: str, values: tuple[str, ...]) -> None:
    assert tuple(ggm.schema()["$defs"][enum]["enum"]) == values


def test_not_taken_up_results_are_end_results_and_statuses() -> None:
    assert set(ggm.NIET_OPGEPAKT) <= set(ggm.EINDRESULTAAT)
    assert set(ggm.NIET_OPGEPAKT) <= ggm.STATUS_FROM_RESULT
    assert "Vervolghulp en/of verwijzing" not in ggm.STATUS_FROM_RESULT


def test_a_value_renamed_in_v1_2_is_upgraded() -> None:
    old = "Verwijzing zonder toestemming"
    assert ggm.value_upgrade("EnumEindresultaat", old, from_version="1.1") == (
        "Verwijzing zonder tussenkomst inwoner"
    )
    assert ggm.value_upgrade("EnumEindresultaat", old, from_version="1.2") == old
    assert ggm.value_upgrade("EnumEindresultaat", "Inwoner is overleden", from_version="1.0") == (
        "Inwoner is overleden"
    )


def test_a_valid_document_passes() -> None:
    assert schema_problems(VALID) == []


def _broken(path: list[Any], value: Any, *, delete: bool = False) -> dict[str, Any]:
    document = copy.deepcopy(VALID)
    node: Any = document
    for step in path[:-1]:
        node = node[step]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["leveringen", 0, "vroegsignaalzaken", 0, "datum_opgepakt"], "2026-11-03"),  # v1.1 name
        (["leveringen", 0, "vroegsignaalzaken", 0, "resultaat"], "Verwijzing zonder toestemming"),
        (["leveringen", 0, "vroegsignalen", 0, "client", "achternaam"], "Jansen"),  # v1.0 field
        (["leveringen", 0, "vroegsignalen", 0, "client", "postcode"], "9641AB"),  # BSN alone
        (["leveringen", 0, "vroegsignalen", 0, "client", "burgerservicenummer"], "12345"),
        (["leveringen", 0, "vroegsignaalzaken", 0, "contactpogingen", 0, "dagdeel"], "Nacht"),
        (["leveringen", 0, "vroegsignalen", 0, "signaaldatum"], "2-11-2026"),
        (["leveringen", 0, "vroegsignalen", 0, "bedrag"], 450.5),
    ],
)
def test_the_schema_is_strict(path: list[Any], value: Any) -> None:
    assert schema_problems(_broken(path, value)) != []


def test_a_client_without_bsn_needs_postcode_and_house_number() -> None:
    client = ["leveringen", 0, "vroegsignalen", 0, "client"]
    assert schema_problems(_broken(client, {"postcode": "9641AB"})) != []
    assert schema_problems(_broken(client, {"postcode": "9641AB", "huisnummer": "12"})) == []
