"""The pure JSON-LD module on inline strings, and never crashing on any JSON."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from scrapers import jsonld

PAGE = """<html><head>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "name": "Acme"},
  {"@type": "JobPosting", "title": "Plant Manager", "datePosted": "2026-09-01",
   "hiringOrganization": {"@type": "Organization", "name": "Acme"},
   "jobLocation": [{"@type": "Place", "address": {"@type": "PostalAddress",
     "addressLocality": "Joliet", "addressRegion": "IL",
     "addressCountry": {"@type": "Country", "name": "US"}}},
     {"@type": "Place", "address": "Gary, IN"}],
   "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
     "value": {"@type": "QuantitativeValue", "minValue": "120000", "maxValue": 140000,
               "unitText": "YEAR"}},
   "experienceRequirements": {"@type": "OccupationalExperienceRequirements",
                              "monthsOfExperience": "96"},
   "employmentType": ["FULL_TIME"], "validThrough": "2026-12-31"}]}
</script>
<SCRIPT TYPE=application/ld+json>[{"@type": "https://schema.org/JobPosting",
 "name": "Second"}]</SCRIPT>
<script type="application/ld+json">{"broken": </script>
<script type="text/javascript">var x = {"@type": "JobPosting"};</script>
</head></html>"""


def test_finds_postings_in_graph_lists_and_iris_and_skips_broken_json():
    nodes = jsonld.job_postings(PAGE)
    assert [n.get("title") or n.get("name") for n in nodes] == ["Plant Manager", "Second"]


def test_maps_a_posting_onto_raw_record_keys():
    record = jsonld.posting_record(jsonld.job_postings(PAGE)[0], page_url="https://acme.example/j/1")
    assert record["title"] == "Plant Manager"
    assert record["company"] == "Acme"
    assert record["url"] == record["source_id"] == "https://acme.example/j/1"
    assert record["location"] == "Joliet, IL, US; Gary, IN"
    assert (record["city"], record["region"], record["country"]) == ("Joliet", "IL", "US")
    assert (record["salary_min"], record["salary_max"]) == ("120000", 140000)  # as written
    assert (record["salary_currency"], record["salary_period"]) == ("USD", "YEAR")
    assert record["hints"] == {"months_of_experience": 96.0}
    assert record["employment_type"] == "FULL_TIME"
    assert record["valid_through"] == "2026-12-31"
    assert record["raw"]["@type"] == "JobPosting"
    assert "remote" not in record  # no jobLocationType: the location text decides later


def test_telecommute_salary_text_and_identifier():
    node = {
        "@type": "JobPosting",
        "title": "Remote Controller",
        "identifier": {"@type": "PropertyValue", "value": 42},
        "jobLocationType": ["TELECOMMUTE"],
        "applicantLocationRequirements": [{"@type": "Country", "name": "Canada"}],
        "baseSalary": "$90k-$110k a year",
        "experienceRequirements": "5 years in controllership",
    }
    record = jsonld.posting_record(node)
    assert record["remote"] == "remote"
    assert record["location"] == "Canada"
    assert record["salary_text"] == "$90k-$110k a year"
    assert record["source_id"] == "42"
    assert record["hints"] == {"experience_text": "5 years in controllership"}


def test_lenient_loads():
    assert jsonld.loads_lenient('<!-- {"a": 1}; -->') == {"a": 1}
    assert jsonld.loads_lenient('//<![CDATA[\n{"a": "x\ny"}\n//]]>') == {"a": "x\ny"}
    assert jsonld.loads_lenient("{nope") is None
    assert jsonld.loads_lenient("   ") is None


def test_nested_nodes_are_found_but_not_inside_a_match():
    data = {
        "@type": "WebPage",
        "mainEntity": {
            "@type": "JobPosting",
            "title": "A",
            "sub": {"@type": "JobPosting", "title": "inner"},
        },
    }
    assert [n["title"] for n in jsonld.iter_nodes(data)] == ["A"]
    (page,) = jsonld.iter_nodes(data, types=("WebPage",))
    assert page["@type"] == "WebPage"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "@type",
                    "@graph",
                    "title",
                    "name",
                    "jobLocation",
                    "address",
                    "addressCountry",
                    "baseSalary",
                    "value",
                    "minValue",
                    "unitText",
                    "experienceRequirements",
                    "monthsOfExperience",
                    "identifier",
                    "jobLocationType",
                    "hiringOrganization",
                    "employmentType",
                    "description",
                    "currency",
                    "@value",
                    "x",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)
job_types = st.sampled_from(["JobPosting", "https://schema.org/JobPosting", ["JobPosting", "X"]])


@settings(max_examples=300, deadline=None)
@given(json_values, job_types)
def test_any_json_never_crashes_the_parser(value, job_type):
    candidates = [value, {"@type": job_type, "x": value}]
    if isinstance(value, dict):
        candidates.append({**value, "@type": job_type})
        candidates.append({"@graph": [{**value, "@type": job_type}]})
    for data in candidates:
        for node in jsonld.iter_nodes(data):
            record = jsonld.posting_record(node, page_url="https://x.example/")
            assert isinstance(record["hints"], dict)
            json.dumps({k: v for k, v in record.items() if k != "raw"}, allow_nan=True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_page_text_never_crashes_extraction(text):
    page = f"<script type='application/ld+json'>{text}</script>"
    for node in jsonld.job_postings(page):
        jsonld.posting_record(node)
