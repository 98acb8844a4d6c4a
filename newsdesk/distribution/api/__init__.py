"""The read API at /api/v1/ (see views)."""
