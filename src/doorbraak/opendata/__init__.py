"""Open data: the indicators the programme chooses to publish, on a public page and as a download.

Owns `PublishedIndicator` (which indicator codes are published, since when, by whom, with an
optional Dutch note), the programme team's page to choose them (`/open-data/kiezen`,
Capability.PUBLISH, every change audited), and the public page `/open-data` (no login) with a
page per published indicator (`/open-data/<code>`, 404 for anything unpublished), the CSV of
all published values and its CSV-W metadata. Values come only from the monitor's latest
finished run with yearly values, totals per region, gemeente and wijk, gated once more from
what they show (`core.disclosure_gate.gate_shown`); `services.publish_defaults()` publishes
the demo's defaults.

Imports `core` (audit, disclosure gate, periods), `monitor` (gated values, kinds of the
computation rules), `programme` (names and descriptions), `areas` (area names and parents) and
`partners` (access). Never register or web.
"""
