"""Storyline: news articles in, a chronicle of who did what with whom, when and where out."""
__version__ = "0.1.0"
