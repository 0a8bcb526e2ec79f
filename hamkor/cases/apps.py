from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "hamkor.cases"
    label = "cases"
    verbose_name = _("Case management")

    def ready(self) -> None:
        from hamkor.cases.access import install_cases_policy
        from hamkor.core.navigation import Section, register_section

        install_cases_policy()
        register_section(Section(_("Cases"), "cases:list", "case.view", app_label="cases"))
