"""Probabilistic record linkage over keyed per-field encodings (pure: no Django).

Owns the encodings (`encoding`) that partners compute and the linkage engine that turns
encoded records into persons. Imports nothing from the project's Django apps.
"""
