"""PostgreSQL's text search configuration for each language of the network.

PostgreSQL stems French, English and Russian (Snowball); it has no stemmer for Hindi or Kannada,
whose words are matched as written ('simple': lowercased, no stop words dropped). A language added
to the network later is matched as written until it gets a line here.
"""

CONFIGS = {"fr": "french", "en": "english", "ru": "russian"}
PLAIN = "simple"


def config_for(language: str) -> str:
    return CONFIGS.get(language, PLAIN)
