"""pdf loader — being written (issue 3)."""
