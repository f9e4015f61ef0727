"""A text column stored encrypted (`crypto`): plaintext in Python, ciphertext in the database.

Only the value crosses the boundary: Django's query log, a database dump and a backup see the
ciphertext. Lookups on the column cannot work (every encryption differs); search goes through
the blind indexes beside it.
"""

from typing import Any

from django.db import models

from doorbraak.casework.crypto import decrypt, encrypt


class EncryptedTextField(models.TextField):
    def _context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value), context=self._context())

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        return decrypt(value, context=self._context())
