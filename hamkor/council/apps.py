from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "hamkor.council"
    label = "council"
    verbose_name = _("Regional Expert Council")

    def ready(self) -> None:
        """Plug the module into the platform: policy, navigation, demo data."""
        from hamkor.core.demo import EXTRA_SEEDS
        from hamkor.core.navigation import Section, register_section
        from hamkor.council.access import install_council_policy
        from hamkor.council.demo import seed_council

        install_council_policy()
        if seed_council not in EXTRA_SEEDS:
            EXTRA_SEEDS.append(seed_council)
        register_section(Section(_("Expert Council"), "council:directory", "council.view", app_label="council"))
