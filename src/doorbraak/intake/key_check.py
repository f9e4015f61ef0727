"""Which key a delivery was pseudonymised with (ADR 0010): `doorbraak pseudonymise` writes the
key id of its key on every row (`_sleutel_id`); the intake takes a delivery only when that is
the programme's current key or an earlier one not withdrawn, and refuses it whole otherwise.

A file holding keyed pseudonyms or encodings without a key id (an older tool, or made by hand)
is refused too: under a rotation it could be of any generation. A file without keyed columns
needs no key. The key id is not stored with the records: the column is dropped like every
column the mapping does not declare.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from doorbraak.core.encodings import ENCODED_FIELDS
from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.core.pseudonyms import KEY_ID_COLUMN
from doorbraak.partners.keys import KEY_ID_PATTERN, KeyIds, key_ids_accepted
from doorbraak.sources.readers import Row

# the columns whose values are made with the partners' key
KEYED_COLUMNS = frozenset({"bsn_pseudonym", "address_pseudonym", "client_pseudonym"}) | frozenset(
    ENCODED_FIELDS
)


class KeyIdCheck:
    """Checks every row's key id, once the header has shown the file needs one."""

    def __init__(self, fields: list[str | None], key_ids: KeyIds | None = None) -> None:
        present = {f for f in fields if f}
        self.needed = KEY_ID_COLUMN in present or bool(present & KEYED_COLUMNS)
        self.seen: set[str] = set()
        self.key_ids = KeyIds("", frozenset(), frozenset())
        if not self.needed:
            return
        if KEY_ID_COLUMN not in present:
            raise _missing()
        self.key_ids = key_ids or key_ids_accepted()
        if not self.key_ids.current:
            raise _none_recorded()

    def rows(self, items: Iterable[Row | Problem]) -> None:
        """Refuse the delivery whole (a `UserError`) at the first row with another key."""
        if not self.needed:
            return
        for item in items:
            if isinstance(item, Problem):
                continue
            number, row = item
            found = row.get(KEY_ID_COLUMN, "").strip().lower()
            if found in self.seen:
                continue
            if found not in self.key_ids.accepted:
                raise self._refuse(number, found)
            self.seen.add(found)

    def _refuse(self, number: int, found: str) -> UserError:
        # only a key id is repeated: the cell could hold anything, and the message is stored
        shown = found if KEY_ID_PATTERN.fullmatch(found) else _("geen sleutel-id")
        where = {"number": number, "found": shown, "current": self.key_ids.current}
        if found in self.key_ids.withdrawn:
            return UserError(
                "sleutel-id-ingetrokken",
                _(
                    "Regel %(number)d is gepseudonimiseerd met een ingetrokken sleutel "
                    "(sleutel-id %(found)s). Er is niets opgeslagen. Pseudonimiseer de export "
                    "opnieuw met de huidige sleutel (sleutel-id %(current)s)."
                )
                % where,
            )
        return UserError(
            "sleutel-id-onbekend",
            _(
                "Regel %(number)d is gepseudonimiseerd met een sleutel die het programma niet "
                "kent (sleutel-id: %(found)s). Er is niets opgeslagen. Gebruik de sleutel van "
                "de sleutelbeheerder (sleutel-id %(current)s): 'doorbraak pseudonymise "
                "--sleutel SLEUTELBESTAND' toont het sleutel-id van uw sleutel."
            )
            % where,
        )


def _missing() -> UserError:
    return UserError(
        "sleutel-id-ontbreekt",
        _(
            "Het bestand bevat pseudoniemen maar geen kolom '%s' met het sleutel-id: het is "
            "gemaakt met een oudere versie van 'doorbraak pseudonymise' of met de hand. Er is "
            "niets opgeslagen. Pseudonimiseer de export opnieuw met de huidige versie."
        )
        % KEY_ID_COLUMN,
    )


def _none_recorded() -> UserError:
    return UserError(
        "sleutel-id-niet-vastgelegd",
        _(
            "Het programmateam heeft nog geen sleutel-id vastgelegd, dus het platform kan niet "
            "nagaan met welke sleutel dit bestand gemaakt is. Er is niets opgeslagen. Het "
            "programmateam legt het vast met 'doorbraak partners key SLEUTEL-ID'."
        ),
    )
