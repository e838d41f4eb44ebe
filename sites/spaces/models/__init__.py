from .pages import HomePage, ProgrammeIndexPage, ProgrammePage, SpacePage, StandardPage
from .space import Space, site_languages

__all__ = [
    "HomePage",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "Space",
    "SpacePage",
    "StandardPage",
    "site_languages",
]
