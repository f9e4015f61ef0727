"""Project configuration.

Owns the settings (every one environment-driven and documented, `env`), the URL table and the
WSGI entry. Imports nothing from the project: the settings and the URL table name the apps as
strings, which Django loads. No package imports it (they read `django.conf.settings`).
"""
