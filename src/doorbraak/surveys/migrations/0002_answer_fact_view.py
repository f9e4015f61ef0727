"""The monitor's view of survey answers (ADR 0035): one row per answer of a closed round, with
the survey, question, numeric score, the round's counting date and the response's group
attributes. No response key and no text: the monitor counts answers, never links or reads
them."""

from django.db import migrations

VIEW = """
CREATE VIEW surveys_answer_fact AS
SELECT
    CAST(a.id AS TEXT) AS id,
    s.code AS survey,
    a.question AS question,
    a.score AS score,
    r.counts_on AS counts_on,
    resp.partner_id AS partner_id,
    resp.sector AS sector,
    resp.area_id AS area_id
FROM surveys_answer AS a
JOIN surveys_response AS resp ON resp.id = a.response_id
JOIN surveys_surveyround AS r ON r.id = resp.round_id
JOIN surveys_surveyversion AS v ON v.id = r.version_id
JOIN surveys_survey AS s ON s.id = v.survey_id
WHERE r.status = 'gesloten'
"""


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunSQL(VIEW, "DROP VIEW IF EXISTS surveys_answer_fact")]
