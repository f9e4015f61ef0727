"""The partners' pseudonyms, made in the work zone with the partners' key (ADR 0024).

The same functions the partners' tool uses (`doorbraak pseudonymise`), so a member registered
here is the same person in the register as in a partner's delivery.
"""

from doorbraak.casework.keys import partner_key
from doorbraak.core.pseudonyms import keyed_pseudonym
from doorbraak.pseudonymise.bsn import bsn_normalise
from doorbraak.pseudonymise.records import address_key


def person_pseudonym(bsn: str) -> str:
    """The BSN pseudonym a partner makes; '' without a valid BSN."""
    normalised = bsn_normalise(bsn).bsn
    return keyed_pseudonym(partner_key(), "bsn", normalised) if normalised else ""


def address_pseudonym(postcode: str, house_number: str) -> str:
    """The address pseudonym a partner makes; '' without postcode or house number."""
    if not postcode.strip() or not house_number.strip():
        return ""
    return keyed_pseudonym(partner_key(), "adres", address_key(postcode, house_number))
