"""The learning network's register and the programme's local experiments (issue 17, ADR 0036).

Owns what the programme team records about its own work: learning agendas (E1), sessions of
lerend evalueren with their organisations, ervaringsdeskundigen and forms of knowledge (E2),
publications (E3, E9), conferences (E4), support of partners in a knowledge line (E7),
trainings (E8), procurements with poverty in the conditions (W3) and partners' commitment to
the plan; and the experiments with their catalogue of interventions (E6), which it copies into
the register's reference tables so enrolments keep pointing at them. Everything here is about
activities and organisations, never about a household or a named person.

`doorbraak leren laad FILE` (`management/commands/leren.py`, `records_file`) records a YAML
file of activities row by row: a bad row is reported and left out, a recorded row is left
alone (ADR 0042).

The reflection report shows the network's year from `report_section` (the generic section
shape of ADR 0038; it imports nothing of `reports`).

Imports `core` (audit, errors, the disclosure gate), `areas`, `partners` and `register` (its
reference tables); never monitor, api, opendata or web.
"""
