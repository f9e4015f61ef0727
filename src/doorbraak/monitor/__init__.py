"""The monitor: indicator computation definitions (data, validated), compiled to SQL per engine.

Owns the computation definitions (`data/indicators.yaml`, read by the pure `definitions`
package) and the pure SQL compiler (`compiler.py`) over the register's tables; runs, the
disclosure gate on results, pages and the API come later. Imports `core` and `programme`
(the plan's indicator codes and its pure YAML reader); reads the tables of `register`,
`areas`, `partners` and `intake` through SQL only.
"""
