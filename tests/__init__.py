"""The test suite (a package, so `tests.conftest` is ours and not a stray `tests` another wheel installs)."""
