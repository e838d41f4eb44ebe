from sites.spaces.forms import SpacePageForm
from sites.spaces.models import ProgrammePage


class EventPageForm(SpacePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.space is not None and "programme" in self.fields:
            # An event belongs to a programme of its own space, never another city's.
            self.fields["programme"].queryset = ProgrammePage.objects.descendant_of(self.space.site.root_page)
