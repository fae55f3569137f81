"""html loader — being written (issue 3)."""
