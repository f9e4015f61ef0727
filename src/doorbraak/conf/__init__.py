"""Project configuration: settings, URLs, WSGI. Imports every app; no app imports it."""
