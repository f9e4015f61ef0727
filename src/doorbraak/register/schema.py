"""The register's schema: every fact type declared once, with its Dutch label, unit, validity,
typed fields and code lists, and the dataset kinds that may deliver it. Pure (no Django).

Everything else derives from it or is checked against it by a test: the Django models
(`tests/register/test_schema.py`), the write path (`register.services`), the intake's mapping
check, the monitor's vocabulary and columnar extract, the linked-facts writer, the synthetic
adapter and `docs/register.md` (`doorbraak register schema`). Adding a fact type is one
declaration here, its model class (whose shape the test dictates), a migration and its tests.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Final, Literal

APP: Final = "register"
FieldType = Literal[
    "date", "integer", "decimal", "boolean", "code", "text",
    "household", "person", "partner", "buurt", "intervention", "experiment", "instrument", "plan",
]  # fmt: skip
# A reference field names another record by its natural key in a row handed to the write path
# (a pseudonym, a partner or area code, an intervention code, a plan reference) and is stored as
# `<name>_id`; the value is the referenced table's key.
REFERENCES: Final = {
    "household": "register_household",
    "person": "register_person",
    "partner": "partners_partner",
    "buurt": "areas_area",
    "intervention": "register_intervention",
    "experiment": "register_experiment",
    "instrument": "register_instrument",
    "plan": "register_supportplan",
}
PROVENANCE: Final = (
    "batch_id", "source_partner_id", "source_row", "delivery", "mapping_version", "origin",
    "recorded_at", "superseded_at",
)  # fmt: skip
BATCH_TABLE: Final = "register_factbatch"
# The dataset name the work zone's vroegsignalering workflow delivers its outreach under
# (`doorbraak vroegsignalering aanlevering`, ADR 0029): a fact whose mapping version is of this
# dataset came from doorbraak's own workflow, any other from the gemeente's own system.
WORKFLOW_OUTREACH_DATASET: Final = "doorbraak-vroegsignalering"


@dataclass(frozen=True)
class CodeList:
    name: str
    label: str
    codes: tuple[tuple[str, str], ...]  # (stored value, Dutch label)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.codes)

    def label_of(self, value: str) -> str:
        return dict(self.codes).get(value, value)


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    label: str
    required: bool = True
    codes: CodeList | None = None
    max_length: int = 0  # code and text fields
    non_negative: bool = False  # numbers: 0 or more (the intake rejects a negative value)

    @property
    def column(self) -> str:
        return f"{self.name}_id" if self.type in REFERENCES else self.name

    @property
    def is_reference(self) -> bool:
        return self.type in REFERENCES


@dataclass(frozen=True)
class FactType:
    name: str  # plural, as in definitions and files: "signals"
    model: str  # the Django model class: "Signal"
    label: str  # Dutch, singular
    label_plural: str
    unit: Literal["household", "person"]
    fields: tuple[Field, ...]
    kinds: tuple[str, ...]  # dataset kinds whose records become facts of this type
    point: str | None = None  # the date of a point-in-time fact
    interval: tuple[str, str] | None = None  # (from, to): the end exclusive, empty while open
    partner: str | None = "source_partner"  # the field the monitor's partner breakdown reads
    breakdowns: dict[str, str] = field(default_factory=dict)  # monitor breakdown -> field
    description: str = ""

    @property
    def db_table(self) -> str:
        return f"{APP}_{self.model.lower()}"

    @property
    def current(self) -> str:
        """The view holding only the rows not superseded: what the monitor reads."""
        return f"{self.db_table}_current"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.type == "date")

    @property
    def household_column(self) -> str | None:
        return next((f.column for f in self.fields if f.type == "household"), None)

    @property
    def person_column(self) -> str | None:
        return next((f.column for f in self.fields if f.type == "person"), None)

    @property
    def partner_column(self) -> str | None:
        return f"{self.partner}_id" if self.partner else None


def _codes(name: str, label: str, *codes: tuple[str, str]) -> CodeList:
    return CodeList(name, label, codes)


SIGNAL_KIND: Final = _codes(
    "signal_kind", "soort signaal",
    ("huur", "huurachterstand"),
    ("energie", "energieachterstand"),
    ("water", "achterstand drinkwater"),
    ("zorgverzekering", "premieachterstand zorgverzekering"),
    ("school", "langdurig schoolverzuim"),
)  # fmt: skip
END_RESULT: Final = _codes(  # GGM Model Vroegsignalering
    "end_result", "eindresultaat (GGM)",
    ("niet_opgepakt", "niet opgepakt"),
    ("al_bekend_schuldhulp", "al bekend bij schuldhulp"),
    ("geen_contact", "geen contact gekregen"),
    ("wil_geen_hulp", "wil geen hulp"),
    ("betaald_regeling", "betaald of regeling getroffen"),
    ("advies", "advies gegeven"),
    ("vervolghulp", "vervolghulp gestart"),
)  # fmt: skip
CONTACT_METHOD: Final = _codes(
    "contact_method", "manier van contact opnemen",
    ("brief", "brief"), ("telefoon", "telefoon"), ("huisbezoek", "huisbezoek"),
    ("email", "e-mail"), ("sms", "sms"),
)  # fmt: skip
MEMBER_ROLE: Final = _codes(
    "member_role", "rol in het huishouden",
    ("head", "hoofd"), ("partner", "partner"), ("child", "kind"), ("other", "overig"),
    ("overig", "overig (niet vastgelegd door de bron)"),
)  # fmt: skip
PLAN_STATUS: Final = _codes(
    "plan_status", "status plan",
    ("actief", "lopend"), ("afgerond", "afgerond"), ("gestopt", "voortijdig gestopt"),
)  # fmt: skip
GOAL_STATUS: Final = _codes(
    "goal_status", "status doel",
    ("lopend", "lopend"), ("behaald", "behaald"), ("niet_behaald", "niet behaald"),
)  # fmt: skip
PLAN_ROUTE: Final = _codes(
    "plan_route", "hoe het huishouden in beeld kwam",
    ("signal", "via een vroegsignaal"), ("referral", "via een verwijzing"),
    ("dubbel", "via beide"),
)  # fmt: skip
CAPITAL: Final = _codes(
    "capital", "kapitaalvorm",
    ("economisch", "economisch kapitaal"), ("sociaal", "sociaal kapitaal"),
    ("cultureel", "cultureel kapitaal"), ("pedagogisch", "pedagogisch kapitaal"),
    ("mentaal", "mentaal kapitaal"),
)  # fmt: skip
END_REASON: Final = _codes(
    "end_reason", "reden einde deelname",
    ("afgerond", "afgerond"), ("voortijdig_gestopt", "voortijdig gestopt"),
)  # fmt: skip
OUTCOME: Final = _codes(
    "outcome", "soort uitkomst",
    ("startkwalificatie", "startkwalificatie behaald"),
    ("passend_werk", "passend werk"),
    ("informele_hulp", "kan terugvallen op informele hulp"),
    ("zelfvertrouwen", "heeft zelfvertrouwen"),
    ("prettig_in_de_wijk", "voelt zich prettig in de wijk"),
    ("opvoedondersteuning_ontvangen", "opvoedondersteuning ontvangen"),
)  # fmt: skip
CONTACT_KIND: Final = _codes(
    "contact_kind", "soort contactmoment",
    ("huisbezoek", "huisbezoek"), ("telefoon", "telefoon"), ("beeldbellen", "beeldbellen"),
    ("op_kantoor", "op kantoor"),
)  # fmt: skip
COMPOSITION_SOURCE: Final = _codes(
    "composition_source", "bron samenstelling",
    ("brp", "basisregistratie personen (BRP)"),
)  # fmt: skip
HOUSEHOLD_SOURCE: Final = _codes(
    "household_source", "bron van het huishouden",
    ("brp", "BRP (samen ingeschreven)"), ("koppeling", "koppeling van aanleveringen"),
)  # fmt: skip
POVERTY_BASIS: Final = _codes(  # what the gemeente knows the household by (docs/poverty.md)
    "poverty_basis", "grond voor de armoedestatus",
    ("bijstand", "bijstandsuitkering (Participatiewet)"),
    ("bijzondere_bijstand", "bijzondere bijstand"),
    ("minimaregeling", "minimaregeling (inkomen onder de gemeentelijke grens)"),
    ("schuldhulp", "schuldhulpverlening"),
    ("achterstand", "betalingsachterstanden (vroegsignalen)"),
)  # fmt: skip
CODE_LISTS: Final = {
    codes.name: codes
    for codes in (
        SIGNAL_KIND, END_RESULT, CONTACT_METHOD, MEMBER_ROLE, PLAN_STATUS, PLAN_ROUTE,
        GOAL_STATUS, CAPITAL, END_REASON, OUTCOME, CONTACT_KIND, COMPOSITION_SOURCE,
        HOUSEHOLD_SOURCE,
        POVERTY_BASIS,
    )
}  # fmt: skip


def _f(
    name: str,
    type_: FieldType,
    label: str,
    *,
    required: bool = True,
    codes: CodeList | None = None,
    max_length: int = 0,
) -> Field:
    if codes is not None and not max_length:
        max_length = 40
    return Field(name, type_, label, required, codes, max_length)


HOUSEHOLD: Final = _f("household", "household", "huishouden")
PERSON: Final = _f("person", "person", "persoon")
OPTIONAL_PERSON: Final = _f("person", "person", "persoon", required=False)

FACT_TYPES: Final = {
    fact.name: fact
    for fact in (
        FactType(
            "memberships", "Membership", "lidmaatschap van een huishouden",
            "lidmaatschappen", "person",
            (
                HOUSEHOLD, PERSON,
                _f("role", "code", "rol", codes=MEMBER_ROLE, max_length=20),
                _f("valid_from", "date", "vanaf"),
                _f("valid_to", "date", "tot", required=False),
            ),
            kinds=("outreach", "arrears", "absence", "plan_goal", "contact_assignment",
                   "enrolment", "assessment", "placement", "diploma"),
            interval=("valid_from", "valid_to"), partner=None,
            breakdowns={"category": "role"},
            description="Wie wanneer tot een huishouden behoorde: uit de BRP waar de gemeente "
            "die aanlevert (met de data van inschrijving), anders afgeleid uit de koppeling.",
        ),
        FactType(
            "residences", "Residence", "woonadres van een huishouden", "woonadressen",
            "household",
            (
                HOUSEHOLD,
                _f("address_pseudonym", "text", "adrespseudoniem", max_length=64),
                _f("buurt", "buurt", "buurt"),
                _f("valid_from", "date", "vanaf"),
                _f("valid_to", "date", "tot", required=False),
            ),
            kinds=("outreach", "arrears", "absence", "plan_goal", "contact_assignment",
                   "enrolment", "assessment", "placement", "diploma"),
            interval=("valid_from", "valid_to"),
            description="Waar een huishouden woonde (adrespseudoniem en buurt), van wanneer "
            "tot wanneer; bepaalt in welk gebied een feit telt.",
        ),
        FactType(
            "signals", "Signal", "vroegsignaal", "vroegsignalen", "household",
            (
                HOUSEHOLD, OPTIONAL_PERSON,
                _f("source_kind", "code", "soort signaal", required=False, codes=SIGNAL_KIND,
                   max_length=20),
                _f("creditor", "partner", "schuldeiser of school", required=False),
                _f("reported_by", "text", "gemeld door (partners)", required=False,
                   max_length=200),
                _f("amount", "decimal", "bedrag achterstand (euro)", required=False),
                _f("origin_date", "date", "ontstaan", required=False),
                _f("signal_date", "date", "signaaldatum"),
                _f("crisis", "boolean", "crisis"),
                _f("first_attempt_on", "date", "eerste contactpoging", required=False),
                _f("attempt_method", "code", "manier van contact", required=False,
                   codes=CONTACT_METHOD, max_length=20),
                _f("reached_on", "date", "bereikt op", required=False),
                _f("end_result", "code", "eindresultaat", required=False, codes=END_RESULT,
                   max_length=30),
                _f("closed_on", "date", "afgesloten op", required=False),
            ),
            kinds=("outreach", "arrears", "absence"), point="signal_date",
            breakdowns={"signal_source": "source_kind", "category": "end_result"},
            description="Een betalingsachterstand of schoolverzuim en wat de outreach "
            "opleverde (GGM Model Vroegsignalering); één gebeurtenis is één signaal, ook als "
            "meer partners haar melden (gemeld door: elke partner die haar meldde).",
        ),
        FactType(
            "plans", "SupportPlan", "maatwerkplan", "maatwerkplannen", "household",
            (
                HOUSEHOLD,
                _f("plan_ref", "text", "plankenmerk", max_length=40),
                _f("started_on", "date", "gestart"),
                _f("ended_on", "date", "beëindigd", required=False),
                _f("status", "code", "status", codes=PLAN_STATUS, max_length=20),
                _f("route", "code", "route", required=False, codes=PLAN_ROUTE, max_length=20),
            ),
            kinds=("plan_goal",), interval=("started_on", "ended_on"),
            breakdowns={"category": "status"},
            description="Het plan van een huishouden; de woorden van het huishouden blijven "
            "in de werkzone.",
        ),
        FactType(
            "plan_goals", "PlanGoal", "doel in een plan", "doelen in plannen", "household",
            (
                _f("plan", "plan", "plan"),
                _f("capital", "code", "kapitaalvorm", codes=CAPITAL, max_length=20),
                _f("status", "code", "status", codes=GOAL_STATUS, max_length=20),
            ),
            kinds=("plan_goal",),
            description="Een doel per kapitaalvorm en zijn status; nooit de tekst van het doel.",
        ),
        FactType(
            "contact_assignments", "ContactAssignment", "vaste contactpersoon",
            "vaste contactpersonen", "household",
            (
                HOUSEHOLD,
                _f("partner", "partner", "organisatie", required=False),
                _f("worker_ref", "text", "medewerker (pseudoniem)", max_length=64),
                _f("valid_from", "date", "vanaf"),
                _f("valid_to", "date", "tot", required=False),
            ),
            kinds=("contact_assignment",), interval=("valid_from", "valid_to"),
            partner="partner",
            description="Wie de vaste contactpersoon van een huishouden was; de continuïteit "
            "wordt hieruit gemeten.",
        ),
        FactType(
            "enrolments", "Enrolment", "deelname", "deelnames", "household",
            (
                HOUSEHOLD, OPTIONAL_PERSON,
                _f("intervention", "intervention", "interventie"),
                _f("experiment", "experiment", "lokaal experiment", required=False),
                _f("started_on", "date", "start"),
                _f("ended_on", "date", "einde", required=False),
                _f("end_reason", "code", "reden einde", required=False, codes=END_REASON),
            ),
            kinds=("enrolment",), interval=("started_on", "ended_on"),
            breakdowns={"category": "end_reason"},
            description="Deelname van een huishouden of persoon aan een interventie.",
        ),
        FactType(
            "assessments", "CapitalAssessment", "kapitaalmeting", "kapitaalmetingen", "person",
            (
                PERSON, HOUSEHOLD,
                _f("capital", "code", "kapitaalvorm", codes=CAPITAL, max_length=20),
                _f("assessed_on", "date", "datum"),
                _f("level", "integer", "niveau (1-5)"),
                _f("instrument", "instrument", "instrument"),
            ),
            kinds=("assessment",), point="assessed_on",
            breakdowns={"capital": "capital"},
            description="Een meting van één kapitaalvorm van een persoon met een instrument.",
        ),
        FactType(
            "outcomes", "Outcome", "uitkomst", "uitkomsten", "person",
            (
                PERSON, HOUSEHOLD,
                _f("kind", "code", "soort", codes=OUTCOME),
                _f("observed_on", "date", "datum"),
                _f("value", "boolean", "waarde"),
            ),
            kinds=("assessment", "placement", "diploma"), point="observed_on",
            breakdowns={"category": "kind"},
            description="Een uitkomst voor een persoon: startkwalificatie, passend werk, of "
            "een ja/nee-vraag van een meting.",
        ),
        FactType(
            "household_compositions", "HouseholdComposition", "samenstelling volgens de BRP",
            "samenstellingen volgens de BRP", "person",
            (
                HOUSEHOLD, PERSON,
                _f("role", "code", "rol", codes=MEMBER_ROLE, max_length=20),
                _f("source", "code", "bron", codes=COMPOSITION_SOURCE, max_length=10),
                _f("valid_from", "date", "ingeschreven vanaf"),
                _f("valid_to", "date", "ingeschreven tot", required=False),
            ),
            kinds=("brp",), interval=("valid_from", "valid_to"),
            breakdowns={"category": "role"},
            description="Wie volgens de basisregistratie personen samen op een adres woont, "
            "van wanneer tot wanneer (aangeleverd door een gemeente).",
        ),
        FactType(
            "contact_moments", "ContactMoment", "contactmoment", "contactmomenten", "household",
            (
                HOUSEHOLD, OPTIONAL_PERSON,
                _f("partner", "partner", "organisatie", required=False),
                _f("worker_ref", "text", "medewerker (pseudoniem)", max_length=64),
                _f("contact_on", "date", "datum"),
                _f("kind", "code", "soort contact", codes=CONTACT_KIND, max_length=20),
                _f("reached", "boolean", "bereikt"),
            ),
            kinds=("contact_moment",), point="contact_on", partner="partner",
            breakdowns={"category": "kind"},
            description="Een contact van een professional met een huishouden: huisbezoek, "
            "telefoon, beeldbellen of op kantoor, en of het huishouden bereikt werd.",
        ),
        FactType(
            "poverty_statuses", "PovertyStatus", "armoedestatus", "armoedestatussen", "person",
            (
                HOUSEHOLD, PERSON,
                _f("year", "integer", "jaar"),
                _f("basis", "code", "grond", codes=POVERTY_BASIS, max_length=30),
                _f("income_pct", "decimal", "inkomen in % van het sociaal minimum",
                   required=False),
                _f("threshold_pct", "integer", "grens van de gemeente (% sociaal minimum)",
                   required=False),
                _f("definition", "text", "gebruikte definitie", max_length=60),
                _f("valid_from", "date", "vanaf"),
                _f("valid_to", "date", "tot", required=False),
            ),
            kinds=("income_support",), interval=("valid_from", "valid_to"),
            partner="source_partner", breakdowns={"category": "basis"},
            description="Dat een persoon in een jaar (of een deel ervan) in armoede leefde "
            "volgens de gemeente: met een bijstandsuitkering, bijzondere bijstand, een "
            "minimaregeling onder de eigen grens van de gemeente of schuldhulpverlening "
            "(docs/poverty.md). Eén rij per persoon, huishouden en kalenderjaar.",
        ),
    )
}  # fmt: skip


@dataclass(frozen=True)
class EntityType:
    """Persons and households: pseudonymous keys shared by every batch, never superseded."""

    name: str
    model: str
    label: str
    fields: tuple[Field, ...]

    @property
    def db_table(self) -> str:
        return f"{APP}_{self.model.lower()}"


ENTITIES: Final = {
    "persons": EntityType(
        "persons", "Person", "persoon",
        (
            _f("pseudonym", "text", "pseudoniem", max_length=64),
            _f("birth_year", "integer", "geboortejaar", required=False),
            _f("birth_month", "integer", "geboortemaand", required=False),
            _f("sex", "text", "geslacht", required=False, max_length=1),
        ),
    ),
    "households": EntityType(
        "households", "Household", "huishouden",
        (
            _f("pseudonym", "text", "pseudoniem", max_length=64),
            # where the household's composition comes from (docs/adr/0019); empty: loaded
            # from elsewhere (the synthetic truth, casework)
            _f("source", "code", "bron", required=False, codes=HOUSEHOLD_SOURCE, max_length=10),
        ),
    ),
}  # fmt: skip


# --- what partners deliver: dataset kinds and their canonical fields ----------------------
# A partner's mapping (`mappings.yaml`, docs/intake.md) names, per column of its export, one
# of the canonical fields below: a field of the dataset kind, or one of the identity fields
# that `doorbraak pseudonymise` replaces at the partner before anything leaves the building.

SCHOOL_TYPE: Final = _codes(
    "school_type", "onderwijssoort",
    ("po", "primair onderwijs"), ("vo", "voortgezet onderwijs"),
    ("mbo", "middelbaar beroepsonderwijs"),
)  # fmt: skip
QUALIFICATION: Final = _codes(
    "qualification", "diploma",
    ("VMBO-BB", "vmbo basisberoepsgerichte leerweg"),
    ("VMBO-KB", "vmbo kaderberoepsgerichte leerweg"),
    ("MBO-1", "mbo niveau 1 (entree)"), ("MBO-2", "mbo niveau 2"), ("MBO-3", "mbo niveau 3"),
    ("MBO-4", "mbo niveau 4"), ("HAVO", "havo"), ("VWO", "vwo"),
)  # fmt: skip
CONTRACT_KIND: Final = _codes(
    "contract_kind", "soort arbeidscontract",
    ("vast", "onbepaalde tijd"), ("tijdelijk", "bepaalde tijd"), ("uitzend", "uitzendbasis"),
    ("beschut", "beschut werk"),
)  # fmt: skip
SEX: Final = _codes("sex", "geslacht", ("M", "man"), ("V", "vrouw"))
INTAKE_CODE_LISTS: Final = {
    codes.name: codes for codes in (SCHOOL_TYPE, QUALIFICATION, CONTRACT_KIND, SEX)
}  # code lists of delivered fields that are not (yet) fields of a fact type

RECORD_ID: Final = _f("record_id", "text", "recordnummer bij de partner", max_length=80)
# Identity fields: a partner's export holds them; `doorbraak pseudonymise` replaces them by
# keyed pseudonyms, encodings, birth year, postcode area and buurt before the file leaves.
IDENTITY_FIELDS: Final = (
    _f("bsn", "text", "burgerservicenummer", required=False),
    _f("client_id", "text", "klant- of cliëntnummer bij de partner", required=False),
    _f("given_name", "text", "voornaam of voornamen", required=False),
    _f("initials", "text", "voorletters (in plaats van voornamen)", required=False),
    _f("surname_prefix", "text", "voorvoegsel (tussenvoegsel)", required=False),
    _f("surname", "text", "achternaam zonder voorvoegsel", required=False),
    _f("full_surname", "text", "achternaam met voorvoegsel in één kolom", required=False),
    _f("name_line", "text", "achternaam, voornaam (of voorletters) in één kolom", required=False),
    _f("birth_date", "date", "geboortedatum", required=False),
    _f("sex", "code", "geslacht", required=False, codes=SEX),
    _f("street", "text", "straat", required=False),
    _f("house_number", "integer", "huisnummer", required=False),
    _f("house_number_suffix", "text", "huisnummertoevoeging", required=False),
    _f("address_line", "text", "straat, huisnummer en toevoeging in één kolom", required=False),
    _f("postcode", "text", "postcode", required=False),
    _f("city", "text", "woonplaats", required=False),
)
IDENTITY_KEPT: Final = frozenset({"sex"})  # identity fields that leave the partner as they are


@dataclass(frozen=True)
class DatasetKind:
    """A kind of record partners deliver; its records become facts of these types. `fields`
    are the canonical fields a mapping may name (besides the identity fields), `keys` the
    fields that together identify a record within one partner's deliveries."""

    name: str
    label: str
    date_field: str  # the record's own date, which places it in time
    facts: tuple[str, ...]
    fields: tuple[Field, ...] = ()
    keys: tuple[str, ...] = ("record_id",)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


def _opt(name: str, type_: FieldType, label: str, codes: CodeList | None = None) -> Field:
    return _f(name, type_, label, required=False, codes=codes)


def _nonneg(one: Field) -> Field:
    """The field, whose values are 0 or more."""
    return replace(one, non_negative=True)


_KIND_FIELDS: Final[dict[str, tuple[str, str, tuple[Field, ...]]]] = {
    "outreach": ("opvolging van vroegsignalen (gemeente)", "signal_date", (
        _opt("signal_kind", "code", "soort signaal", SIGNAL_KIND),
        _opt("creditor", "text", "schuldeiser (naam zoals in de partnerlijst)"),
        _nonneg(_opt("amount", "decimal", "bedrag achterstand (euro)")),
        _opt("arrears_since", "date", "achterstand ontstaan op"),
        _f("signal_date", "date", "signaaldatum"),
        _opt("crisis", "boolean", "crisis (dreigende afsluiting of ontruiming)"),
        _opt("first_attempt_date", "date", "eerste contactpoging"),
        _opt("contact_method", "code", "manier van contact", CONTACT_METHOD),
        _opt("reached", "boolean", "bereikt"),
        _opt("reached_date", "date", "bereikt op"),
        _opt("end_result", "code", "eindresultaat", END_RESULT),
        _opt("end_date", "date", "afgesloten op"),
    )),
    "arrears": ("betalingsachterstanden (schuldeiser)", "signal_date", (
        _opt("signal_kind", "code", "soort signaal", SIGNAL_KIND),
        _nonneg(_f("amount", "decimal", "bedrag achterstand (euro)")),
        _opt("arrears_since", "date", "achterstand ontstaan op"),
        _f("signal_date", "date", "gemeld aan de gemeente op"),
        _opt("crisis", "boolean", "crisis (dreigende afsluiting of ontruiming)"),
    )),
    "absence": ("verzuimmeldingen (school, leerplicht)", "reported_date", (
        _opt("school_type", "code", "onderwijssoort", SCHOOL_TYPE),
        _f("absence_start", "date", "verzuim vanaf"),
        _nonneg(_opt("absence_hours", "integer", "uren verzuim")),
        _f("reported_date", "date", "gemeld op"),
    )),
    "plan_goal": ("maatwerkplannen en hun doelen", "plan_start", (
        _nonneg(_f("goal_number", "integer", "doelnummer binnen het plan")),
        _f("plan_start", "date", "start plan"),
        _opt("plan_end", "date", "einde plan"),
        _f("plan_status", "code", "status plan", codes=PLAN_STATUS),
        _f("capital", "code", "kapitaalvorm van het doel", codes=CAPITAL),
        _opt("goal_text", "text", "doel in eigen woorden (blijft in de werkzone)"),
        _f("goal_status", "code", "status doel", codes=GOAL_STATUS),
    )),
    "contact_assignment": ("vaste contactpersonen", "assign_start", (
        _opt("plan_id", "text", "plannummer"),
        _f("contact_person", "text", "vaste contactpersoon (kenmerk)"),
        _f("assign_start", "date", "vanaf"),
        _opt("assign_end", "date", "tot en met"),
    )),
    "enrolment": ("deelnames aan interventies", "enrol_start", (
        _f("intervention", "code", "interventie (code uit het referentiebestand)"),
        _opt("experiment", "code", "lokaal experiment (code uit het referentiebestand)"),
        _f("enrol_start", "date", "start"),
        _opt("enrol_end", "date", "einde"),
        _opt("end_reason", "code", "reden einde", END_REASON),
    )),
    "assessment": ("kapitaalmetingen", "assessment_date", (
        _f("assessment_date", "date", "datum meting"),
        _f("instrument", "text", "instrument"),
        _opt("instrument_version", "text", "versie van het instrument"),
        *(_nonneg(_opt(f"level_{c}", "integer", f"niveau {c} kapitaal (1-5)"))
          for c in CAPITAL.values),
        _opt("informal_help", "boolean", "kan terugvallen op informele hulp"),
        _opt("self_confidence", "boolean", "heeft zelfvertrouwen"),
        _opt("at_home_in_neighbourhood", "boolean", "voelt zich prettig in de wijk"),
    )),
    "placement": ("plaatsingen in werk", "work_start", (
        _f("work_start", "date", "ingangsdatum"),
        _nonneg(_opt("hours_per_week", "decimal", "uren per week")),
        _opt("contract_kind", "code", "soort contract", CONTRACT_KIND),
    )),
    "diploma": ("behaalde diploma's", "diploma_date", (
        _f("qualification", "code", "diploma", codes=QUALIFICATION),
        _f("diploma_date", "date", "datum diploma"),
    )),
    "brp": ("samenstelling van huishoudens uit de BRP", "registered_from", (
        _f("role", "code", "rol in het huishouden", codes=MEMBER_ROLE),
        _f("registered_from", "date", "ingeschreven vanaf"),
        _opt("registered_to", "date", "ingeschreven tot"),
    )),
    "income_support": ("inkomensondersteuning en schuldhulp (gemeente)", "support_start", (
        _f("provision", "code", "regeling", codes=POVERTY_BASIS),
        _f("support_start", "date", "ingangsdatum"),
        _opt("support_end", "date", "einddatum"),
        _nonneg(_opt("income_pct", "decimal", "inkomen in % van het sociaal minimum")),
        _nonneg(_opt("threshold_pct", "integer", "grens van de gemeente (% sociaal minimum)")),
        _opt("role", "code", "rol in het huishouden", MEMBER_ROLE),
    )),
    "contact_moment": ("contactmomenten", "contact_date", (
        _f("contact_date", "date", "datum contact"),
        _f("contact_kind", "code", "soort contact", codes=CONTACT_KIND),
        _f("reached", "boolean", "bereikt"),
        _opt("contact_person", "text", "professional (kenmerk)"),
    )),
}  # fmt: skip
_KIND_KEYS: Final = {"plan_goal": ("record_id", "goal_number")}


def dataset_kinds() -> dict[str, DatasetKind]:
    return {
        name: DatasetKind(
            name,
            label,
            date_field,
            tuple(f.name for f in FACT_TYPES.values() if name in f.kinds),
            fields=(RECORD_ID, *fields),
            keys=_KIND_KEYS.get(name, ("record_id",)),
        )
        for name, (label, date_field, fields) in _KIND_FIELDS.items()
    }


def fact_type(name: str) -> FactType:
    return FACT_TYPES[name]


def fact_type_of_model(model: str) -> FactType:
    return next(f for f in FACT_TYPES.values() if f.model == model)


def all_fields() -> Iterator[tuple[FactType, Field]]:
    for fact in FACT_TYPES.values():
        for one in fact.fields:
            yield fact, one
