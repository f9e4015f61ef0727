"""Surveys (ADR 0035). Owns questionnaires authored as XLSForm and stored as frozen versions
(rendered as accessible forms), rounds, invitations with one-time links and reminders, anonymous
responses (no link to the invitation or person), imports from LimeSurvey and KoboToolbox, and
results per partner, sector and area through the disclosure gate. The monitor reads its answers
through the view `surveys_answer_fact`; the reflection report lists the year's closed rounds
(`report_section`, which imports nothing of `reports`). Imports `core`, `areas` and `partners`.
"""
