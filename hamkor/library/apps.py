from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "hamkor.library"
    label = "library"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        """Plug the module into the platform: policy, search, demo data."""
        from hamkor.core.demo import EXTRA_SEEDS
        from hamkor.core.navigation import Section, register_section
        from hamkor.core.search.registry import SearchKind, register, register_audience
        from hamkor.library.access import install_library_policy
        from hamkor.library.demo import seed_library
        from hamkor.library.models import Item, Kind
        from hamkor.library.search import every_item, item_audiences, item_card

        install_library_policy()
        register(
            SearchKind(
                "library.item",
                Item,
                _("Library item"),
                card=item_card,
                everything=every_item,
                types=dict(Kind.choices),
            )
        )
        register_audience(item_audiences)
        if seed_library not in EXTRA_SEEDS:
            EXTRA_SEEDS.append(seed_library)
        register_section(Section(_("Library"), "library:browse", "library.view", app_label="library"))
