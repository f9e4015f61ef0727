"""Open data: the indicators the programme chooses to publish, on a public page and as a download.

Owns `PublishedIndicator` (which indicator codes are published, since when, by whom, with an
optional Dutch note), the programme team's page to choose them (`/open-data/kiezen`,
Capability.PUBLISH, every change audited), and the public page `/open-data` (no login) with a
page per published indicator (`/open-data/<code>`, 404 for anything unpublished), the CSV of
all published values and its CSV-W metadata. Values come only from the monitor's latest
finished run with yearly values, totals per region, gemeente and wijk, through the monitor's
one gate for stored values (`monitor.gated.values_shown`), which gates a published part once
more from what it shows; `services.publish_defaults()` publishes the demo's defaults.

Imports `core` (audit, area levels, periods), `monitor` (the gate for stored values, kinds of
the computation rules), `programme` (names and descriptions), `areas` (area names) and
`partners` (access). Never register or web.
"""
