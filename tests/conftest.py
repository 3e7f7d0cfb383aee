"""Hypothesis profiles: no deadlines anywhere. A busy machine (2 cores shared by several
engineers) made a property test fail with DeadlineExceeded (260 ms against 200 ms); a deadline
measures the machine, not the code. `HYPOTHESIS_PROFILE=dev` keeps the default example counts
with a deadline off as well, for local runs; the default profile is `ci`."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
