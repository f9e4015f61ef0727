"""CBS figures from StatLine downloads (issue 20 item 3): the file as CBS gives it, as a Dutch
spreadsheet saves it, and broken; loaded for the region's areas only, and a repeat changes
nothing."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.areas.models import Area, AreaLevel, AreaStatistic
from doorbraak.areas.selectors import cbs_figures
from doorbraak.areas.services import statline_load
from doorbraak.areas.statline import read_statline
from doorbraak.cli import EXIT_USER_ERROR, main
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.monitor.ambition_selectors import ReferenceEstimate, reference_estimates
from doorbraak.monitor.kept_pages import pages_forget
from doorbraak.partners.models import Role

POVERTY_SHARE = "HuishOnderOfRondSociaalMinimum"

# The shape of StatLine's "onbewerkte dataset" CSV of Kerncijfers wijken en buurten 2024
# (85984NED): quoted keys with numeric suffixes, codes padded with spaces, "." for secret.
HEADER = (
    '"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";"AantalInwoners_5";'
    '"HuishoudensTotaal_29";"HuishoudensMetEenLaagInkomen_87";"HuishOnderOfRondSociaalMinimum_88"'
)
ROWS = (
    '0;"NL01      ";"Nederland                                ";"Land      ";"NL01      ";'
    '"17942942";"8209070";"7.9";"8.0"',
    '1;"GM0114    ";"Emmen                                    ";"Gemeente  ";"GM0114    ";'
    '"107048";"49535";"10.2";"10.9"',
    '2;"WK011401  ";"Emmen                                    ";"Wijk      ";"WK011401  ";'
    '"11010";"5095";"13.1";"13.5"',
    '3;"BU01140101";"Emmen                                    ";"Buurt     ";"BU01140101";'
    '"2155";"1010";".";"."',
    '4;"GM0363    ";"Amsterdam                                ";"Gemeente  ";"GM0363    ";'
    '"931298";"520000";"11.0";"10.0"',
)


def _write(tmp_path: Path, text: str, name: str = "85984NED.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _kwb(tmp_path: Path, rows: tuple[str, ...] = ROWS, **kwargs: str) -> Path:
    return _write(tmp_path, "\n".join((HEADER, *rows)) + "\n", **kwargs)


def test_reader_drops_suffixes_keeps_secrets_and_skips_the_country(tmp_path: Path) -> None:
    parsed = read_statline(_kwb(tmp_path), year=2024)
    assert parsed.table == "85984NED"
    assert parsed.areas_skipped == 1  # NL01
    assert parsed.columns_ignored == ["ID", "Gemeentenaam", "SoortRegio", "Codering"]
    figures = {(f.area_code, f.measure): f for f in parsed.figures}
    assert figures["GM0114", "HuishOnderOfRondSociaalMinimum"].value == Decimal("10.9")
    secret = figures["BU01140101", "HuishoudensMetEenLaagInkomen"]
    assert secret.secret
    assert secret.value is None
    assert figures["BU01140101", "HuishoudensTotaal"].value == Decimal(1010)


def test_load_keeps_the_region_only_and_a_repeat_changes_nothing(
    demo_world: None, tmp_path: Path
) -> None:
    path = _kwb(tmp_path)
    first = statline_load(path=path, year=2024)
    assert (first.areas, first.outside_region, first.secret) == (3, 1, 2)
    stored = set(AreaStatistic.objects.values_list("area__code", "year", "measure", "value"))
    assert ("GM0114", 2024, "HuishoudensTotaal", Decimal(49535)) in stored
    assert not AreaStatistic.objects.filter(area__code="GM0363").exists()
    statline_load(path=path, year=2024)
    assert (
        set(AreaStatistic.objects.values_list("area__code", "year", "measure", "value")) == stored
    )


def test_a_corrected_download_replaces_the_year(demo_world: None, tmp_path: Path) -> None:
    statline_load(path=_kwb(tmp_path), year=2024)
    corrected = (ROWS[1].replace('"10.9"', '"11.2"'),)
    statline_load(path=_kwb(tmp_path, corrected, name="85984NED-v2.csv"), year=2024)
    assert AreaStatistic.objects.get(
        area__code="GM0114", measure="HuishOnderOfRondSociaalMinimum"
    ).value == Decimal("11.2")
    assert not AreaStatistic.objects.filter(area__code="WK011401").exists()


def test_a_dutch_spreadsheet_save_reads_the_same(tmp_path: Path) -> None:
    """Windows-1252, decimal commas, periods as a column: what Excel makes of the download."""
    header = "WijkenEnBuurten;Perioden;HuishoudensMetEenLaagInkomen_75;Gemeentenaam_1"
    text = "\n".join(
        (header, "GM0114;2022JJ00;10,4;Emmen", "GM0114;2023JJ00;9,8;Emmen", "GM1950;2023JJ00;;Wé")
    )
    parsed = read_statline(_write(tmp_path, text, "kwb-85618NED.csv", "cp1252"))
    assert [(f.year, f.value) for f in parsed.figures] == [
        (2022, Decimal("10.4")),
        (2023, Decimal("9.8")),
    ]


def test_every_bad_cell_is_named_and_nothing_is_loaded(demo_world: None, tmp_path: Path) -> None:
    rows = (ROWS[1].replace('"10.2"', '"tien"'), ROWS[2].replace('"5095"', '"5.095,0"'))
    with pytest.raises(ProblemsError) as caught:
        statline_load(path=_kwb(tmp_path, rows), year=2024)
    assert caught.value.code == "statline-ongeldig"
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "regel 2, kolom HuishoudensMetEenLaagInkomen",
        "regel 3, kolom HuishoudensTotaal",
    ]
    assert not AreaStatistic.objects.exists()


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (HEADER + "\n" + ROWS[1], "kerncijfers.csv", "statline-tabel-onbekend"),
        (HEADER + "\n" + ROWS[1], "85984NED.csv", "statline-jaar-ontbreekt"),
        ('"ID";"Gemeentenaam_1";"HuishoudensTotaal_29"\n1;"Emmen";"3"', "85984NED.csv",
         "statline-geen-gebiedskolom"),
        ('"WijkenEnBuurten";"Gemeentenaam_1"\n"GM0114";"Emmen"', "85984NED.csv",
         "statline-geen-maten"),
        ("", "85984NED.csv", "statline-leeg"),
        (HEADER + "\n" + ROWS[1] + "\n" + ROWS[1], "85984NED.csv", "statline-dubbel"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_statline_download_is_refused_in_dutch(
    tmp_path: Path, text: str, name: str, code: str
) -> None:
    year = 2024 if code not in {"statline-jaar-ontbreekt", "statline-tabel-onbekend"} else None
    with pytest.raises(UserError) as caught:
        read_statline(_write(tmp_path, text, name), year=year)
    assert caught.value.code == code


def test_command_reports_what_it_loaded_and_each_problem(
    demo_world: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["areas", "statline", str(_kwb(tmp_path)), "--jaar", "2024"]) == 0
    out = capsys.readouterr().out
    assert "CBS-tabel 85984NED, jaren 2024: 12 cijfers voor 3 gebieden geladen (2 geheim" in out
    assert "1 gebieden buiten de regio" in out
    bad = _kwb(tmp_path, (ROWS[1].replace('"10.2"', '"tien"'),), name="85984NED-fout.csv")
    assert main(["areas", "statline", str(bad), "--jaar", "2024"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "Fout: 1 waarden" in err
    assert "regel 2, kolom HuishoudensMetEenLaagInkomen: 'tien' is geen getal" in err
    assert "Traceback" not in err


def _region_kwb(tmp_path: Path, emmen_share: str = "10.9") -> Path:
    """Every gemeente of the region: 1,000 households at 10% each, Emmen 2,000 at `emmen_share`."""
    emmen = {"GM0114": ("2000", emmen_share)}
    rows = [
        '"{}";"{}";"{}"'.format(code, *emmen.get(code, ("1000", "10.0")))
        for code in sorted(
            Area.objects.filter(level=AreaLevel.GEMEENTE).values_list("code", flat=True)
        )
    ]
    text = '"WijkenEnBuurten";"HuishoudensTotaal_29";"HuishOnderOfRondSociaalMinimum_88"\n'
    return _write(tmp_path, text + "\n".join(rows), "85984NED-regio.csv")


def test_the_region_adds_its_gemeenten_up_and_weights_shares(
    demo_world: None, tmp_path: Path
) -> None:
    statline_load(path=_region_kwb(tmp_path, "13.0"), year=2024)
    region = Area.objects.get(level=AreaLevel.REGION)
    figures = cbs_figures(region)
    assert figures is not None
    rows = {row.measure: row.values[2024] for row in figures.rows}
    assert rows["HuishoudensTotaal"] == 11_000
    assert rows["HuishOnderOfRondSociaalMinimum"] == Decimal("10.5")  # (2000*13 + 9000*10)/11000
    estimates = reference_estimates(region, [2024])
    assert estimates == {2024: ReferenceEstimate(households=260 + 9 * 100, year=2024)}
    emmen = reference_estimates(Area.objects.get(code="GM0114"), [2024])
    assert emmen == {2024: ReferenceEstimate(households=260, year=2024)}


def test_a_secret_gemeente_leaves_the_region_without_a_figure(
    demo_world: None, tmp_path: Path
) -> None:
    statline_load(path=_region_kwb(tmp_path, "."), year=2024)
    region = Area.objects.get(level=AreaLevel.REGION)
    figures = cbs_figures(region)
    assert figures is not None
    assert {row.measure: row.values[2024] for row in figures.rows}[POVERTY_SHARE] is None
    assert reference_estimates(region, [2024]) == {2024: None}


def test_the_area_page_shows_cbs_beside_the_programme(
    demo_world: None,
    tmp_path: Path,
    user_of,  # type: ignore[no-untyped-def]
) -> None:
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get(reverse("monitor:area", args=["GM0114"])).content.decode()
    assert "CBS ernaast" not in page
    statline_load(path=_kwb(tmp_path), year=2024)
    pages_forget()  # another process sees the new figures within STATE_SECONDS
    page = client.get(reverse("monitor:area", args=["GM0114"])).content.decode()
    assert "CBS ernaast" in page
    assert "Bron: CBS, StatLine-tabel 85984NED" in page
    assert "49.535" in page  # households, with a Dutch thousands separator
    assert "10,9" in page
    statline_load(path=_kwb(tmp_path, name="85984NED-s.csv"), year=2024, synthetic=True)
    pages_forget()
    page = client.get(reverse("monitor:area", args=["GM0114"])).content.decode()
    assert "geen echte CBS-cijfers" in page
