"""The home page: services tiles and alerts from data/ (data.py), loaded once per build (context.py)."""
