"""The documents installs exchange, version 1: each side checks what it needs and ignores the rest.

A field this version does not know is ignored (a newer install may send more); a field it needs
that is missing or of the wrong type refuses the whole document, with a message that names it.
"""

SCHEMA_VERSION = 1


class SchemaError(ValueError):
    pass


def require(document, fields: dict[str, type | tuple[type, ...]], what: str) -> dict:
    """The fields of ``document`` named in ``fields``, checked; ``SchemaError`` for the first one wrong."""
    if not isinstance(document, dict):
        raise SchemaError(f"The {what} must be a JSON object.")
    version = document.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SchemaError(f"The {what} has no schema version (a positive integer in “schema”).")
    found = {}
    for name, kind in fields.items():
        if name not in document:
            raise SchemaError(f"The {what} lacks the field “{name}”.")
        value = document[name]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise SchemaError(f"The {what}'s field “{name}” has the wrong type.")
        found[name] = value
    return found


def require_part(part, fields: dict[str, type | tuple[type, ...]], what: str) -> dict:
    """The same check for an object inside a document (which carries no schema version of its own)."""
    if not isinstance(part, dict):
        raise SchemaError(f"The {what} must be a JSON object.")
    return require({**part, "schema": SCHEMA_VERSION}, fields, what)


def web_address(value: str, what: str) -> str:
    """An http(s) address or nothing: what another install sends is shown as a link, so no other scheme."""
    if value and (not value.lower().startswith(("https://", "http://")) or len(value) > 500):
        raise SchemaError(f"The {what} is not a web address (http or https).")
    return value


def texts_by_language(value, what: str, max_length: int) -> dict[str, str]:
    """``{"fr": "…", "ru": "…"}``: a language code to a text; anything else is refused."""
    if not isinstance(value, dict) or not all(
        isinstance(code, str) and len(code) <= 10 and isinstance(text, str) for code, text in value.items()
    ):
        raise SchemaError(f"The {what} must map language codes to texts.")
    return {code: text[:max_length] for code, text in value.items()}
