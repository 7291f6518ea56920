"""Every invalid field of a profile, and every way a profile file can be unreadable: one line of
error naming the file, the field and the problem, exit code 2, no traceback (through the real
`screener rank`), and the same message from :func:`load_profile` at the library level."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.profile import Band, Profile, ProfileError, Salary, load_profile

VALID = "title: Senior Operations Manager\n"

# (field path, YAML lines, words the message must hold): at least one case for every field
INVALID_FIELDS = [
    ("name", "name: 123", "Input should be a valid string"),
    ("name", "name: ''", "at least 1 character"),
    ("name", "name: [Pat]", "Input should be a valid string"),
    ("title", "name: Pat", "required field is missing"),
    ("title", "title: null", "Input should be a valid string"),
    ("title", "title: '   '", "at least 1 character"),
    ("title", "title: " + "x" * 300, "at most 200 characters"),
    ("title", "title: 2024-01-01", "Input should be a valid string"),
    ("level", "level: boss", "must be one of 'entry', 'professional'"),
    ("level", "level: Director", "got 'Director'"),
    ("level", "level: 4", "must be one of"),
    ("years_experience", "years_experience: -1", "greater than or equal to 0"),
    ("years_experience", "years_experience: 200", "less than or equal to 70"),
    ("years_experience", "years_experience: fifteen", "valid number"),
    ("years_experience", "years_experience: yes", "must be a number, not true"),
    ("years_experience", "years_experience: .nan", "(got nan)"),
    ("years_experience", "years_experience: .inf", "less than or equal to 70"),
    ("years_management", "years_management: -2", "greater than or equal to 0"),
    ("years_management", "years_experience: 5\nyears_management: 8", "8 is more than years_experience (5)"),
    ("years_management", "years_management: false", "must be a number, not false"),
    ("team_size", "team_size: -3", "greater than or equal to 0"),
    ("team_size", "team_size: 5.5", "valid integer"),
    ("team_size", "team_size: true", "must be a number, not true"),
    ("team_size", "team_size: lots", "valid integer"),
    ("industries", "industries: logistics", "valid list"),
    ("industries.0", "industries: ['']", "at least 1 character"),
    ("industries.1", "industries: [retail, 7]", "valid string"),
    ("functions", "functions: {operations: 1}", "valid list"),
    ("functions.0", "functions: [[operations]]", "valid string"),
    ("skills.0", "skills: [null]", "valid string"),
    ("skills.0", "skills: ['" + "x" * 150 + "']", "at most 100 characters"),
    ("resume", "resume: 123", "valid string"),
    ("resume", "resume: missing.txt", "no such file"),
    ("resume", "resume: .", "cannot read"),
    ("salary", "salary: 95000", "valid dictionary"),
    ("salary.last", "salary: {last: -1}", "greater than or equal to 0"),
    ("salary.last", "salary: {last: lots}", "valid number"),
    ("salary.last", "salary: {last: yes}", "must be a number, not true"),
    ("salary.minimum", "salary: {minimum: 1e12}", "less than or equal to 100000000"),
    ("salary.currency", "salary: {currency: dollars}", "should match pattern"),
    ("salary.currency", "salary: {currency: 840}", "valid string"),
    ("salary.bonus", "salary: {bonus: 10}", "unknown field"),
    ("locations", "locations: Chicago", "valid list"),
    ("locations.0", "locations: [{city: Chicago}]", "valid string"),
    ("remote", "remote: sometimes", "must be one of 'any', 'remote', 'hybrid' or 'onsite'"),
    ("remote", "remote: true", "got True"),
    ("moves", "moves: []", "must name at least one move"),
    ("moves.0", "moves: [sideways]", "must be one of 'step_up', 'parallel' or 'step_back'"),
    ("moves", "moves: step_up", "valid list"),
    ("weights", "weights: [1, 2]", "valid dictionary"),
    ("weights", "weights: {colour: 1}", "unknown fit component 'colour'"),
    ("weights.function", "weights: {function: -1}", "greater than or equal to 0"),
    ("weights.function", "weights: {function: heavy}", "valid number"),
    ("weights.function", "weights: {function: on}", "must be a number, not true"),
    ("band", "band: 3", "valid dictionary"),
    ("band.below", "band: {below: 9}", "less than or equal to 8"),
    ("band.above", "band: {above: -1}", "greater than or equal to 0"),
    ("band.above", "band: {above: yes}", "must be a number, not true"),
    ("band.wide", "band: {wide: 1}", "unknown field"),
    ("exclude_companies", "exclude_companies: Acme", "valid list"),
    ("exclude_companies.0", "exclude_companies: [1]", "valid string"),
    ("exclude_companies.0", "exclude_companies: ['']", "at least 1 character"),
    ("titel", "titel: Manager", "unknown field"),
    ("resume_text", "resume_text: I am great", "unknown field"),
]


def _fields(model: type) -> set[str]:
    return {name for name, field in model.model_fields.items() if not field.exclude}


def test_every_field_of_the_profile_has_an_invalid_case() -> None:
    covered = {case[0].split(".")[0] for case in INVALID_FIELDS}
    assert _fields(Profile) <= covered
    assert {f"salary.{n}" for n in _fields(Salary)} <= {case[0] for case in INVALID_FIELDS}
    assert {f"band.{n}" for n in _fields(Band)} <= {case[0] for case in INVALID_FIELDS}


def rank(profile: Path, tmp_path: Path):
    return CliRunner().invoke(
        cli, ["rank", "--profile", str(profile), "--db", str(tmp_path / "none.db")], catch_exceptions=False
    )


def error_line(output: str) -> str:
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    return errors[0]


@pytest.mark.parametrize(("field", "yaml_text", "problem"), INVALID_FIELDS, ids=[c[1][:40] for c in INVALID_FIELDS])
def test_an_invalid_field_is_one_line_naming_file_field_and_problem(
    tmp_path: Path, field: str, yaml_text: str, problem: str
) -> None:
    path = tmp_path / "me.yaml"
    lines = yaml_text if yaml_text.startswith(("title:", "name: Pat")) else VALID + yaml_text
    path.write_text(lines + "\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert message.startswith(f"profile {path}: {field}: "), message
    assert problem in message
    assert "\n" not in message and len(message) < 400

    result = rank(path, tmp_path)
    assert result.exit_code == 2
    assert error_line(result.output) == f"Error: {message}"
    assert "Traceback" not in result.output


def _billion_laughs() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines)


FILES = {
    "missing": (None, "no such file"),
    "directory": ("DIR", "Is a directory"),
    "empty": (b"", "expected a mapping of fields"),
    "only a comment": (b"# nothing here\n", "expected a mapping of fields"),
    "a list": (b"- title: Manager\n- title: Director\n", "expected a mapping of fields"),
    "a string": (b"Senior Operations Manager\n", "expected a mapping of fields"),
    "not UTF-8": ("title: Café Manager\n".encode("latin-1"), "not UTF-8 text"),
    "UTF-16": ("title: Manager\n".encode("utf-16"), "not UTF-8 text"),
    "binary": (b"\x00\x01\x02\xff" * 100, "not UTF-8 text"),
    "2 MB": (b"title: Manager\nskills: [" + b"lean, " * 350_000 + b"]\n", "larger than 1 MB"),
    "invalid YAML": (b"title: [Manager\n", "invalid YAML at line"),
    "tab indentation": (b"salary:\n\tlast: 10\n", "invalid YAML"),
    "two documents": (b"title: A\n---\ntitle: B\n", "invalid YAML"),
    "python tag": (b"title: !!python/object/apply:os.system [echo hi]\n", "invalid YAML"),
    "nested 600 deep": (b"title: x\nskills: " + b"[" * 600 + b"]" * 600 + b"\n", "nested too deeply"),
    "billion laughs": ((VALID + _billion_laughs() + "\nlevel: *a8\n").encode(), "level: must be one of"),
    "key with a newline": (VALID.encode() + b'"first\\nsecond": 1\n', "'first\\nsecond': unknown field"),
}


@pytest.mark.parametrize(("content", "problem"), FILES.values(), ids=FILES.keys())
def test_an_unreadable_profile_file_is_one_line_and_exit_2(tmp_path: Path, content: bytes | None, problem: str) -> None:
    path = tmp_path / "me.yaml"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert message.startswith(f"profile {path}: ") and problem in message, message
    assert "\n" not in message and len(message) < 400

    result = rank(path, tmp_path)
    assert result.exit_code == 2
    assert error_line(result.output) == f"Error: {message}"
    assert "Traceback" not in result.output


def test_reads_of_a_device_are_bounded(tmp_path: Path) -> None:
    """A profile or resume path pointing at an endless device is refused, not read forever."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(ProfileError, match="larger than 1 MB"):
        load_profile("/dev/zero")
    path = tmp_path / "me.yaml"
    path.write_text(VALID + "resume: /dev/zero\n", encoding="utf-8")
    profile = load_profile(path)
    assert len(profile.resume_text) == 200_000


def test_a_resume_that_is_not_utf8_is_read_with_replacements(tmp_path: Path) -> None:
    (tmp_path / "resume.txt").write_bytes("Gestión de almacén\n".encode("latin-1"))
    path = tmp_path / "me.yaml"
    path.write_text(VALID + "resume: resume.txt\n", encoding="utf-8")
    assert load_profile(path).resume_text.startswith("Gesti\ufffdn")


def test_the_valid_example_from_the_design_loads(tmp_path: Path) -> None:
    (tmp_path / "resume.txt").write_text("Ran a 40-person distribution centre.", encoding="utf-8")
    path = tmp_path / "me.yaml"
    path.write_text(
        """name: Pat Example
title: Senior Operations Manager
level: senior_manager
years_experience: 15
years_management: 8
team_size: 40
industries: [logistics, retail]
functions: [operations, supply chain]
skills: [lean, budgeting, vendor management]
resume: resume.txt
salary: {last: 125000, minimum: 95000, currency: usd}
locations: ["Chicago, IL"]
remote: any
moves: [step_back, parallel, step_up]
weights: {function: 2.0}
""",
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert (profile.level, profile.team_size, profile.salary.currency) == ("senior_manager", 40, "USD")
    assert profile.resume_text == "Ran a 40-person distribution centre."
