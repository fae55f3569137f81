"""docx loader — being written (issue 3)."""
