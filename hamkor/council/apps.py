from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "hamkor.council"
    label = "council"
    verbose_name = _("Regional Expert Council")

    def ready(self) -> None:
        """Plug the module into the platform: policy, navigation, key rotation, demo data."""
        from hamkor.core.demo import EXTRA_SEEDS
        from hamkor.core.navigation import Section, register_section
        from hamkor.core.rotation import AFTER_ROTATION
        from hamkor.core.schedule import every_day
        from hamkor.council.access import install_council_policy
        from hamkor.council.demo import seed_council
        from hamkor.council.search import install_council_search
        from hamkor.council.services.experts import rekey_case_conflicts
        from hamkor.council.tasks import send_deadline_reminders_daily

        install_council_policy()
        install_council_search()
        every_day("council.deadline_reminders", send_deadline_reminders_daily)
        if rekey_case_conflicts not in AFTER_ROTATION:
            AFTER_ROTATION.append(rekey_case_conflicts)
        if seed_council not in EXTRA_SEEDS:
            EXTRA_SEEDS.append(seed_council)
        register_section(Section(_("Expert Council"), "council:directory", "council.view", app_label="council"))
        register_section(
            Section(_("Competence Center figures"), "council:figures", "council.figures", app_label="council")
        )
