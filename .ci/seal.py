#!/usr/bin/env python3
"""The e-seal of `missiedocs render --zegel`, checked with pyHanko.

    seal.py make DIR PASSWORD     a test CA and a seal certificate it issued
                                  (RSA 2048, keyUsage digitalSignature and
                                  nonRepudiation), as DIR/zegel.p12 (key,
                                  certificate and CA) and DIR/ca.pem
    seal.py check OUT CA.pem      every PDF the manifest in OUT lists as made
                                  (no draft: a draft carries none) carries
                                  one signature that pyHanko finds
                                  intact, valid, covering the entire file,
                                  trusted with CA.pem as root, PAdES
                                  (ETSI.CAdES.detached); and a PDF with one
                                  byte changed after sealing is found not
                                  intact; with --tijdstempel also that each
                                  seal has a valid, trusted timestamp
    seal.py tsa DIR PORTFILE      an RFC 3161 timestamping service on
                                  loopback (pyHanko's test stamper, with a
                                  certificate from the test CA) until
                                  killed; its port written to PORTFILE
"""
import datetime
import json
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


def name(common, org):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])


def issue(subject, key, issuer, issuer_key, extensions):
    """A certificate for `key`, valid from yesterday for 30 days."""
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(issuer)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
    )
    for extension in extensions:
        builder = builder.add_extension(extension, critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make(folder, password):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # key usage: digital signature, content commitment (non-repudiation)
    signing = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    ca_key, ca_name = new_key(), name("Test CA missiedocs", "Test CA")
    ca = issue(ca_name, ca_key, ca_name, ca_key, [
        x509.BasicConstraints(ca=True, path_length=0),
        x509.KeyUsage(True, False, False, False, False, True, True, False, False),
    ])
    key = new_key()
    cert = issue(name("Gemeente Voorbeeldstad", "Gemeente Voorbeeldstad"), key, ca_name, ca_key, [signing])
    p12 = pkcs12.serialize_key_and_certificates(
        b"zegel", key, cert, [ca], serialization.BestAvailableEncryption(password.encode())
    )
    (folder / "zegel.p12").write_bytes(p12)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    # A timestamping service's certificate from the same CA.
    tsa_key = new_key()
    tsa = issue(name("Test TSA missiedocs", "Test CA"), tsa_key, ca_name, ca_key, [
        signing, x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]),
    ])
    (folder / "tsa.der").write_bytes(tsa.public_bytes(serialization.Encoding.DER))
    (folder / "tsa-key.der").write_bytes(
        tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


def serve_tsa(folder, port_file):
    """An RFC 3161 service on loopback (pyHanko's test stamper), until killed."""
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from asn1crypto import keys, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps import DummyTimeStamper

    folder = Path(folder)
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load((folder / "tsa.der").read_bytes()),
        tsa_key=keys.PrivateKeyInfo.load((folder / "tsa-key.der").read_bytes()),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def validate(path, root):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        signatures = reader.embedded_signatures
        if len(signatures) != 1:
            return None, f"{len(signatures)} signatures"
        sig = signatures[0]
        sub_filter = sig.sig_object.get("/SubFilter")
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[root]))
        return status, str(sub_filter)


def check(out, ca_pem, stamped=False):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import load_cert_from_pemder
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    out = Path(out)
    root = load_cert_from_pemder(ca_pem)
    manifest = json.loads((out / "manifest.json").read_text())
    pdfs, drafts = [], []
    for d in manifest["documenten"]:
        if d["status"] == "ok":
            made = [d["bestand"]] + ([d["met_bijlagen"]["bestand"]] if d.get("met_bijlagen") else [])
            (drafts if d.get("concept") else pdfs).extend(made)
    failures = []
    # A draft is not sealed.
    for pdf in drafts:
        with open(out / pdf, "rb") as f:
            if PdfFileReader(f).embedded_signatures:
                failures.append(f"{pdf}: a draft is sealed")
    for pdf in pdfs:
        status, sub_filter = validate(out / pdf, root)
        if status is None:
            failures.append(f"{pdf}: {sub_filter}")
            continue
        good = (
            status.intact and status.valid and status.trusted
            and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
            and sub_filter == "/ETSI.CAdES.detached"
        )
        if not good:
            failures.append(f"{pdf}: {status.summary()} coverage {status.coverage} {sub_filter}")
        if stamped:
            stamp = status.timestamp_validity
            if stamp is None or not (stamp.intact and stamp.valid and stamp.trusted):
                failures.append(f"{pdf}: no valid, trusted timestamp on the seal ({stamp})")
    # One byte changed after sealing: the seal no longer holds.
    if pdfs:
        data = bytearray((out / pdfs[0]).read_bytes())
        at = len(data) // 3
        data[at] ^= 0x01
        changed = out.parent / "changed.pdf"
        changed.write_bytes(bytes(data))
        try:
            status, _ = validate(changed, root)
            if status is not None and status.intact:
                failures.append(f"{pdfs[0]} with byte {at} changed still validates as intact")
        except Exception:
            pass  # pyHanko refusing the file is detection too
        changed.unlink()
    for failure in failures:
        print(failure)
    stamps = ", each with a timestamp" if stamped else ""
    print(f"seal: {len(pdfs)} PDFs sealed{stamps}, {len(failures)} problems; a changed byte is detected")
    return 1 if failures or not pdfs else 0


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3], stamped="--tijdstempel" in sys.argv[4:]))
    elif sys.argv[1] == "tsa":
        serve_tsa(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
