"""Assessment instruments are data: this module validates their shape and ships the first one.

An instrument names its scale and its domains, each domain with the questions an assessor considers before
scoring it. A new version is a new row; assessments keep pointing at the version they used.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Scale(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int
    max: int
    labels: dict[str, str]

    @model_validator(mode="after")
    def _labels_cover_scale(self) -> Scale:
        if set(self.labels) != {str(v) for v in range(self.min, self.max + 1)}:
            raise ValueError("the scale needs a label for every point")
        return self


class InstrumentDomain(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    title: str
    questions: list[str] = Field(min_length=1)


class InstrumentDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    version: str
    title: str
    scale: Scale
    domains: list[InstrumentDomain] = Field(min_length=1)

    def domain_codes(self) -> list[str]:
        return [d.code for d in self.domains]


SCALE = {
    "min": 0,
    "max": 4,
    "labels": {
        "0": "Severe need: urgent support required",
        "1": "Major need",
        "2": "Moderate need",
        "3": "Minor need",
        "4": "Strength: no support needed",
    },
}

REINTEGRATION_NEEDS_AND_STRENGTHS: dict[str, Any] = {
    "code": "reintegration-needs-strengths",
    "version": "1.0",
    "title": "Reintegration needs and strengths",
    "scale": SCALE,
    "domains": [
        {
            "code": "psychosocial",
            "title": "Psychosocial and mental health",
            "questions": [
                "Signs of trauma, grief or distress and how they affect daily life",
                "Access to and engagement with psychological support",
            ],
        },
        {
            "code": "physical_health",
            "title": "Physical health",
            "questions": [
                "Untreated injuries, chronic conditions, nutrition",
                "Vaccinations and access to a clinic",
            ],
        },
        {
            "code": "education",
            "title": "Education",
            "questions": [
                "Enrolment and attendance at the right level",
                "Language of schooling and catch-up needs",
            ],
        },
        {
            "code": "livelihood",
            "title": "Vocational skills and livelihood",
            "questions": [
                "Skills, training and work for the adults of the household",
                "Income sufficient for basic needs",
            ],
        },
        {
            "code": "family",
            "title": "Family and social ties",
            "questions": [
                "Contact with and acceptance by the extended family",
                "Care arrangements for the children",
            ],
        },
        {
            "code": "religious",
            "title": "Religious and ideological counselling",
            "questions": [
                "Engagement with counselling by a qualified theologian",
                "Openness to mainstream religious practice",
            ],
        },
        {
            "code": "legal",
            "title": "Legal status and documents",
            "questions": [
                "Birth certificates, identity documents and registration",
                "Guardianship for children born abroad; pending proceedings",
            ],
        },
        {
            "code": "housing",
            "title": "Housing",
            "questions": [
                "Safe, stable housing for the household",
            ],
        },
        {
            "code": "community",
            "title": "Community acceptance",
            "questions": [
                "Relations with neighbours and the mahalla",
                "Stigma or exclusion experienced",
            ],
        },
    ],
}

SHIPPED = [REINTEGRATION_NEEDS_AND_STRENGTHS]
