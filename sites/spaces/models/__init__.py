from .pages import HomePage, HomePhoto, ProgrammeIndexPage, ProgrammePage, SectionPage, SpacePage, StandardPage
from .space import Space, site_languages

__all__ = [
    "HomePage",
    "HomePhoto",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "SectionPage",
    "Space",
    "SpacePage",
    "StandardPage",
    "site_languages",
]
