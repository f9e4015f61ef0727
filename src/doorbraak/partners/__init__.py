"""Partner organisations of the alliance, the people who log in, and what each role may do.

Owns Partner, User and the role/capability matrix (`access`); connecting a partner (`doorbraak
partners add`, `/partners/nieuw`), its data steward's account with a one-time link to choose a
password (`partners steward`), and the shared key's generations by key id (`keys`, `partners
key`, ADR 0010); logging in (ADR 0014): the second step (`mfa`; security keys and passkeys:
`security_keys`), the organisation's OpenID Connect provider (`oidc`), lockout (`lockout`),
session limits (`middleware`), the login pages (`login_views`) and accounts the administrator
keeps without knowing a password (`accounts`, `admin`). Imports `core` (errors, audit log).
"""
