"""Built-in loaders, one plugin per format. Each turns a file into ordered blocks."""
