from .pages import HomePage, ProgrammeIndexPage, ProgrammePage, SectionPage, SpacePage, StandardPage
from .space import Space, site_languages

__all__ = [
    "HomePage",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "SectionPage",
    "Space",
    "SpacePage",
    "StandardPage",
    "site_languages",
]
