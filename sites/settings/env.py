"""Read the environment in one place, strictly.

A malformed value stops start-up with a message that names the variable, rather than
running with a silently wrong configuration. A secret may also come from ``NAME_FILE``.

Why not django-environ (0.14): it reads a boolean as true when the word is in its list of true
spellings and as false otherwise, so ``SECURE_SSL_REDIRECT=ture`` or ``SESSION_COOKIE_SECURE=flase``
silently turns the setting off; and a malformed number fails with int()'s own ``ValueError``
("invalid literal for int() with base 10: 'four'"), which names the value but not the variable.
Making it strict would mean wrapping each of its readers, which is what this module is. What it
would bring besides, ``*_FILE`` secrets and database URLs, is here already (the latter through
dj-database-url, which django-environ does not use either). ``tests/settings/test_env.py`` holds
the property: a misspelt boolean stops the production settings, naming the variable.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_UNSET = object()


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            with open(file_name, encoding="utf-8") as handle:
                return handle.read().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name!r} ({error.strerror}).") from error
    return os.environ.get(name)


def env_str(name: str, default=_UNSET) -> str:
    value = _raw(name)
    if value is None or value == "":
        if default is _UNSET:
            raise ImproperlyConfigured(f"{name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false, 1/0, yes/no, on/off), not {value!r}.")


def env_int(name: str, default: int, lowest: int | None = None, highest: int | None = None) -> int:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if (lowest is not None and number < lowest) or (highest is not None and number > highest):
        raise ImproperlyConfigured(f"{name} must be from {lowest} to {highest}, not {number}.")
    return number


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name: str, default: str) -> dict:
    import dj_database_url

    url = env_str(name, default)
    try:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {error}") from None
