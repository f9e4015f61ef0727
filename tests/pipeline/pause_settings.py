"""Settings for the kill test's worker: the project's, plus a long pause inside the link
step's transaction (after the link run was written, before it commits)."""

from doorbraak.conf.settings import *  # noqa: F403

PIPELINE_TEST_PAUSE = {"koppelen": 120}
