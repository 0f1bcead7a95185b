"""Validates what a run claims: every PDF in a run's manifest.json against
each standard it claims (PDF/A-2a, PDF/UA-1), with the independent checker
`page-validation`. A merged copy whose annexes made it drop a claim is
checked only for what it still claims. Exits 1 when any claim fails, naming
the file, profile and failed rules."""

import json
import pathlib
import sys

import page

PROFILES = {
    "PDF/A-2a": page.ValidationProfile.PDF_A_2A,
    "PDF/UA-1": page.ValidationProfile.PDF_UA_1,
}


def claims(manifest: dict):
    """(file, standard) for every standard a file of the run claims."""
    for entry in manifest["documenten"]:
        for part in (entry, entry.get("met_bijlagen") or {}):
            for standard in part.get("standaarden", []):
                yield part["bestand"], standard


def main(folder: str) -> int:
    out = pathlib.Path(folder)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    checked = failed = 0
    for name, standard in claims(manifest):
        profile = PROFILES.get(standard)
        if profile is None:
            continue
        checked += 1
        report = page.validate_pdf(str(out / name), profile=profile)
        if report.is_compliant:
            print(f"ok    {name}  {standard}")
        else:
            failed += 1
            print(f"FAIL  {name}  {standard}\n{report}", file=sys.stderr)
    if checked == 0:
        print(f"no claims to check in {out / 'manifest.json'}", file=sys.stderr)
        return 1
    print(f"{checked} claims checked, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
