"""The monitor: indicator computation definitions (data, validated), compiled to SQL per engine,
and the runs that materialise their values behind the disclosure gate.

Owns the computation definitions (`data/indicators.yaml`, read by the pure `definitions`
package), the pure SQL compiler (`compiler.py`) over the register's tables, and `MonitorRun`
and `IndicatorValue` (aggregates only, gated before they are stored: `services.monitor_run`,
read through `selectors`), and the programme dashboard (`views`, /monitor); indicator and area
pages and the API come later. Imports `core`, `programme` (the plan's indicator codes, its
pure YAML reader, the current plan version, targets and their trajectory) and `partners`
(access checks in its views); reads the tables of `register`, `areas`, `partners` and `intake`
through SQL only.
"""
