"""The monitor: indicator computation definitions (data, validated), compiled to SQL per engine,
and the runs that materialise their values behind the disclosure gate.

Owns the computation definitions (`data/indicators.yaml`, read by the pure `definitions`
package), the pure SQL compiler (`compiler.py`) over the register's tables, and `MonitorRun`
and `IndicatorValue` (aggregates only, gated before they are stored: `services.monitor_run`,
read through `selectors`), the programme dashboard and the indicator pages with their CSV
download (`views`, /monitor); area pages and the API come later. Imports `core`, `programme`
(the plan's indicator codes, its pure YAML reader, the current plan version, targets and their
trajectory), `partners` (access checks) and `areas` (area names on pages); reads the tables
of `register`, `areas`, `partners` and `intake` through SQL only.
"""
