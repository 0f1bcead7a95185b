#!/usr/bin/env python3
"""Checks the MDTO files of `missiedocs render --mdto` output folders.

Every `*.mdto.xml` must be valid against the MDTO-XML 1.0.1 schema (the
Nationaal Archief's XSD, `.ci/mdto/`, read by the `xmlschema` package);
every PDF the manifest lists as made and not a draft must have its
informatieobject (`<name>.mdto.xml`) and its bestand (`<name>.pdf.mdto.xml`),
and the bestand's size and SHA-256 must be those of the PDF on disk.

Usage: mdto.py FOLDER...
"""
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import xmlschema

NS = {"m": "https://www.nationaalarchief.nl/mdto"}
SCHEMA = xmlschema.XMLSchema(str(Path(__file__).parent / "mdto" / "MDTO-XML1.0.1.xsd"))


def pdfs(folder):
    """The PDFs of a folder that must have MDTO files."""
    manifest = json.loads((folder / "manifest.json").read_text())
    for d in manifest["documenten"]:
        if d["status"] != "ok" or d.get("concept"):
            continue
        yield d["bestand"]
        if d.get("met_bijlagen"):
            yield d["met_bijlagen"]["bestand"]


def main(folders):
    failures, files = [], 0
    for folder in map(Path, folders):
        for xml in sorted(folder.glob("*.mdto.xml")):
            files += 1
            failures += [f"{xml}: {e.reason} at {e.path}" for e in SCHEMA.iter_errors(str(xml))]
        for pdf in pdfs(folder):
            stem = pdf.removesuffix(".pdf")
            obj, bestand = folder / f"{stem}.mdto.xml", folder / f"{pdf}.mdto.xml"
            if not obj.is_file() or not bestand.is_file():
                failures.append(f"{folder / pdf}: no MDTO files")
                continue
            data = (folder / pdf).read_bytes()
            root = ET.parse(bestand).getroot()
            size = root.findtext("m:bestand/m:omvang", namespaces=NS)
            digest = root.findtext("m:bestand/m:checksum/m:checksumWaarde", namespaces=NS)
            if size != str(len(data)) or digest != hashlib.sha256(data).hexdigest():
                failures.append(f"{bestand}: size {size} / SHA-256 {digest} are not those of {pdf}")
    for failure in failures:
        print(failure)
    print(f"MDTO: {files} files in {len(folders)} folders, {len(failures)} problems")
    return 1 if failures or files == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
