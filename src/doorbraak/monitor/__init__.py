"""The monitor: indicator computation definitions (data, validated), compiled to SQL per engine,
and the runs that materialise their values behind the disclosure gate.

Owns the computation definitions (`data/indicators.yaml`, read by the pure `definitions`
package), the pure SQL compiler (`compiler.py`: one statement per indicator and period for
SQLite, PostgreSQL or DuckDB), the columnar extract of the register for the DuckDB engine
(`extract`, `doorbraak monitor extract`), and `MonitorRun` and `IndicatorValue` (aggregates
only, gated before they are stored: `services.monitor_run`; every reader, the monitor's own
pages and downloads, the API and open data, gets them through `gated.values_shown`; the views
keep a page per process and viewer's role while the inputs stay the same, ADR 0034, the
dashboard, indicator and area page whole with the base template around them, ADR 0040; only
the synthetic truth comparison of tests and benchmarks reads the tables before the gate,
`services.tables_ungated`, ADR 0020)
and the pages over them, read through `selectors` (the dashboard's summary, an indicator's
detail, the rules and targets), `area_selectors`, `ambition_selectors` and `kept_pages` (a page
kept per process and role), and shown by `dashboard_views`, `indicator_views`,
`download_views` and `area_views` (what they share: `page_parts`)
at /monitor: the programme dashboard (a tile per operational goal with an honest status, a
server-drawn sparkline and the trajectory in words: `tiles` (pure), `dashboard`,
`dashboard_page`; filters in the URL; the gemeente x goal overview per 1.000 households:
`overview`; ADR 0032), the board's own dashboard (/monitor/bestuur: where are we, without
filters, process indicators, deliveries or linkage; ADR 0041), the indicator pages with their
CSV and Excel download, and the area pages
(/monitor/gebied/<code>: every indicator for the region, a gemeente or a wijk; and for a dorp
or an experiment area, whose values are the region's gated breakdown cells of that group:
`grouping_levels`, ADR 0042), with Vega-Lite
charts built by the pure `charts` module beside the tables, and on the indicator and area
pages a map of the gemeenten or a tile map of the wijken beside their tables (`maps`, pure;
`map_context`; ADR 0033), in the last complete year, a count per 1.000 households where
gemeenten are compared (ADR 0041). An outreach indicator's page
says per gemeente whether its follow-up came from doorbraak's own vroegsignalering workflow or
the gemeente's own system (`outreach_sources`, read from the facts' provenance; ADR 0029).

Imports `core` (errors, periods, disclosure gate, bulk insert, the audit of downloads),
`sources` (the CSV and Excel writers of the downloads), `programme` (the plan's indicator
codes, its pure YAML reader, the current plan version, targets and their trajectory),
`register` (its pure schema: the fact tables and their columns), `partners` (access checks)
and `areas` (area names on pages, the gemeente boundaries of the map). Reads the tables of
register, areas, partners and intake through SQL only, by the names the register's schema
gives.
"""
