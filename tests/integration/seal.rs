//! The e-seal (`render --zegel`): every PDF made carries one invisible
//! PAdES signature over the whole file, added after the document's own
//! bytes; what the manifest and the MDTO files say is the sealed file;
//! and a seal that cannot be made — no password, a wrong one, an expired
//! certificate, a certificate that may not sign, a key of another
//! certificate, a file that is no PKCS#12 — stops the run before anything
//! is made, with exit 2; so does a timestamping service (`--tijdstempel`)
//! that cannot be reached or refuses. One that refuses later stops each
//! document it would stamp, and no other.
//!
//! pyHanko checks the seals again in `.ci/run` (`.ci/seal.py`), and
//! page-validation that the sealed PDFs still pass PDF/A-2a and PDF/UA-1;
//! there a loopback timestamping service (pyHanko's) stamps the seals and
//! pyHanko checks the timestamps (B-T).

use std::path::Path;
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use p256::ecdsa::signature::Verifier;
use p256::pkcs8::{DecodePublicKey, EncodePrivateKey};
use sha2::{Digest, Sha256};
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::der::asn1::OctetString;
use x509_cert::der::{Decode, Encode, SliceReader};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{KeyUsage, KeyUsages};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{SubjectPublicKeyInfo, SubjectPublicKeyInfoRef};
use x509_cert::time::{Time, Validity};

use crate::support::register::{LETTER, MEMO};
use crate::support::{manifest, sample, write_texts, write_xlsx};

const PASSWORD: &str = "geheim wachtwoord";

/// A self-signed seal certificate with the given key usage.
struct Profile {
    subject: Name,
    usage: KeyUsage,
}

impl BuilderProfile for Profile {
    fn get_issuer(&self, subject: &Name) -> Name {
        subject.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        _: SubjectPublicKeyInfoRef<'_>,
        _: SubjectPublicKeyInfoRef<'_>,
        _: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(vec![Extension {
            extn_id: x509_cert::der::oid::ObjectIdentifier::new_unwrap("2.5.29.15"),
            critical: true,
            extn_value: OctetString::new(self.usage.to_der()?)?,
        }])
    }
}

fn key(seed: u8) -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from(p256::SecretKey::from_slice(&[seed; 32]).unwrap())
}

/// A PKCS#12 file: the key of `seed`, a certificate of the key of
/// `cert_seed` valid from `from` to `until` (days from now).
fn p12(path: &Path, seed: u8, cert_seed: u8, from: i64, until: i64, usage: KeyUsage) {
    let day = |n: i64| {
        let now = SystemTime::now();
        let shift = Duration::from_secs(n.unsigned_abs() * 86_400);
        Time::try_from(if n < 0 { now - shift } else { now + shift }).unwrap()
    };
    let signer = key(cert_seed);
    let spki = SubjectPublicKeyInfo::from_key(signer.verifying_key()).unwrap();
    let profile =
        Profile { subject: Name::from_str("CN=Gemeente Voorbeeldstad,O=Gemeente Voorbeeldstad,C=NL").unwrap(), usage };
    let validity = Validity::new(day(from), day(until));
    let builder = CertificateBuilder::new(profile, SerialNumber::from(7u32), validity, spki).unwrap();
    let cert = builder.build::<_, p256::ecdsa::DerSignature>(&signer).unwrap();

    let secret = p256::SecretKey::from_slice(&[seed; 32]).unwrap();
    let pkcs8 = secret.to_pkcs8_der().unwrap();
    let chain = p12_keystore::PrivateKeyChain::new(
        vec![1u8],
        p12_keystore::PrivateKey::from_der(pkcs8.as_bytes()).unwrap(),
        [p12_keystore::Certificate::from_der(&cert.to_der().unwrap()).unwrap()],
    );
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry("zegel", p12_keystore::KeyStoreEntry::PrivateKeyChain(chain));
    std::fs::write(path, store.writer(PASSWORD).write().unwrap()).unwrap();
}

fn good(path: &Path) {
    p12(path, 3, 3, -1, 30, KeyUsage(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation));
}

/// One moment for every run of the tests (the certificates are valid around now).
static MOMENT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs().to_string()
});

struct Ran {
    code: i32,
    stderr: String,
}

fn render(dir: &Path, out: &str, extra: &[&str], password: Option<&str>) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_missiedocs"));
    cmd.current_dir(dir).args(["render", "--data", "data/m.xlsx", "--out", out, "--quiet"]).args(extra);
    cmd.env("SOURCE_DATE_EPOCH", &*MOMENT);
    match password {
        Some(p) => cmd.env("MISSIEDOCS_ZEGEL_WACHTWOORD", p),
        None => cmd.env_remove("MISSIEDOCS_ZEGEL_WACHTWOORD"),
    };
    let output = cmd.output().unwrap();
    Ran { code: output.status.code().unwrap(), stderr: String::from_utf8(output.stderr).unwrap() }
}

/// The sample, its memo a draft.
fn data(dir: &Path) {
    write_texts(&dir.join("data"));
    let mut sheets = sample::sheets();
    crate::support::register::set(&mut sheets, MEMO, "Status", "concept");
    write_xlsx(&dir.join("data/m.xlsx"), &sheets);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks the one seal of a PDF as a reader does: the byte range covers
/// the whole file but the signature, the CMS's message digest is that of
/// the range, and its signature over the signed attributes verifies with
/// the certificate it carries.
fn assert_sealed(pdf: &[u8], name: &str) {
    let text = String::from_utf8_lossy(pdf);
    assert_eq!(text.matches("/ByteRange").count(), 1, "{name}: one signature");
    let at = text.find("/ByteRange").unwrap();
    let open = at + text[at..].find('[').unwrap();
    let close = open + text[open..].find(']').unwrap();
    let range: Vec<usize> = text[open + 1..close].split_whitespace().map(|n| n.parse().unwrap()).collect();
    let [zero, a, b, c] = range[..] else { panic!("{name}: {range:?}") };
    assert_eq!((zero, b + c), (0, pdf.len()), "{name}: the range covers the whole file");
    assert_eq!((pdf[a], pdf[b - 1]), (b'<', b'>'), "{name}: only the signature is left out");
    assert!(text.contains("/SubFilter/ETSI.CAdES.detached") || text.contains("/SubFilter /ETSI.CAdES.detached"));
    assert!(pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"), "{name}");

    let digits = std::str::from_utf8(&pdf[a + 1..b - 1]).unwrap();
    let der: Vec<u8> =
        (0..digits.len()).step_by(2).map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap()).collect();
    let info = ContentInfo::decode(&mut SliceReader::new(&der).unwrap()).unwrap();
    let signed: SignedData = info.content.decode_as().unwrap();
    assert!(signed.encap_content_info.econtent.is_none(), "{name}: detached");
    let signer = &signed.signer_infos.0.as_slice()[0];
    let attrs = signer.signed_attrs.as_ref().unwrap();
    let find = |oid: &str| attrs.iter().find(|a| a.oid.to_string() == oid);
    assert!(find("1.2.840.113549.1.9.5").is_none(), "{name}: no signing-time: the PDF's /M says when");
    assert!(find("1.2.840.113549.1.9.16.2.47").is_some(), "{name}: ESS signing-certificate-v2 (PAdES B-B)");
    let digest: OctetString = find("1.2.840.113549.1.9.4").unwrap().values.as_slice()[0].decode_as().unwrap();
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..a]);
    hasher.update(&pdf[b..]);
    assert_eq!(hex(digest.as_bytes()), hex(&hasher.finalize()), "{name}: the digest is of the signed range");

    let certs = signed.certificates.as_ref().unwrap();
    let cms::cert::CertificateChoices::Certificate(cert) = &certs.0.as_slice()[0] else { panic!() };
    let spki = cert.tbs_certificate().subject_public_key_info().to_der().unwrap();
    let verifying = p256::ecdsa::VerifyingKey::from_public_key_der(&spki).unwrap();
    let signature = p256::ecdsa::DerSignature::try_from(signer.signature.as_bytes()).unwrap();
    verifying.verify(&attrs.to_der().unwrap(), &signature).expect("the signature verifies");
}

#[test]
fn every_pdf_is_sealed_over_its_own_bytes_and_the_account_is_of_the_sealed_file() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    good(&dir.path().join("zegel.p12"));
    let plain = render(dir.path(), "gewoon", &[], None);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let sealed = render(dir.path(), "uit", &["--zegel", "zegel.p12", "--mdto"], Some(PASSWORD));
    assert_eq!(sealed.code, 0, "{}", sealed.stderr);

    let out = dir.path().join("uit");
    let m = manifest(&out);
    let mut seen = Vec::new();
    for d in m["documenten"].as_array().unwrap().iter().filter(|d| d["concept"] != true) {
        for file in [d, &d["met_bijlagen"]] {
            let Some(name) = file["bestand"].as_str() else { continue };
            let pdf = std::fs::read(out.join(name)).unwrap();
            let own = std::fs::read(dir.path().join("gewoon").join(name)).unwrap();
            assert!(pdf.len() > own.len() && pdf.starts_with(&own), "{name}: the document's bytes, then the seal");
            assert_sealed(&pdf, name);
            assert_eq!(file["sha256"], hex(&Sha256::digest(&pdf)), "{name}: the manifest gives the sealed file");
            let mdto = std::fs::read_to_string(out.join(format!("{name}.mdto.xml"))).unwrap();
            assert!(mdto.contains(&hex(&Sha256::digest(&pdf))), "{name}: so does MDTO");
            assert!(mdto.contains(&format!("<omvang>{}</omvang>", pdf.len())));
            seen.push(name.to_string());
        }
    }
    for name in [format!("{LETTER}.pdf"), format!("{LETTER}-met-bijlagen.pdf")] {
        assert!(seen.contains(&name), "every PDF, the copy with annexes too: {name} in {seen:?}");
    }
    assert_eq!(seen.len(), 4, "{seen:?}");
    // A draft is not sealed, and the run says so.
    let draft = std::fs::read(out.join(format!("{MEMO}.pdf"))).unwrap();
    assert!(draft == std::fs::read(dir.path().join("gewoon").join(format!("{MEMO}.pdf"))).unwrap());
    assert!(sealed.stderr.contains("geen zegel: het document is een concept"), "{}", sealed.stderr);

    // The same moment, the same bytes.
    let again = render(dir.path(), "nogmaals", &["--zegel", "zegel.p12", "--only", LETTER], Some(PASSWORD));
    assert_eq!(again.code, 0, "{}", again.stderr);
    let name = format!("{LETTER}.pdf");
    let (a, b) =
        (std::fs::read(out.join(&name)).unwrap(), std::fs::read(dir.path().join("nogmaals").join(&name)).unwrap());
    assert!(a == b, "a seal of the same document at the same moment is the same bytes");
}

#[test]
fn a_seal_that_cannot_be_made_stops_the_run_before_anything_is_made() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    let all = || KeyUsage(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation);
    good(&dir.path().join("zegel.p12"));
    p12(&dir.path().join("verlopen.p12"), 3, 3, -60, -30, all());
    p12(&dir.path().join("alleen-ca.p12"), 3, 3, -1, 30, KeyUsage(KeyUsages::KeyCertSign.into()));
    p12(&dir.path().join("andere-sleutel.p12"), 4, 3, -1, 30, all());
    std::fs::write(dir.path().join("kapot.p12"), b"dit is geen PKCS#12").unwrap();

    let cases: [(&str, Option<&str>, &[&str]); 6] = [
        (
            "zegel.p12",
            None,
            &["voor `--zegel` is het wachtwoord van het zegelbestand nodig", "MISSIEDOCS_ZEGEL_WACHTWOORD"],
        ),
        ("zegel.p12", Some("fout"), &["het wachtwoord van `zegel.p12` klopt niet"]),
        (
            "verlopen.p12",
            Some(PASSWORD),
            &["het certificaat in `verlopen.p12` is verlopen op", "hint: vraag een nieuw zegelcertificaat aan"],
        ),
        ("alleen-ca.p12", Some(PASSWORD), &["het certificaat in `alleen-ca.p12` mag niet tekenen"]),
        (
            "andere-sleutel.p12",
            Some(PASSWORD),
            &["de sleutel in `andere-sleutel.p12` hoort bij geen van zijn certificaten"],
        ),
        ("kapot.p12", Some(PASSWORD), &["`kapot.p12` kan niet worden geopend als PKCS#12-bestand"]),
    ];
    for (file, password, says) in cases {
        let ran = render(dir.path(), "uit", &["--zegel", file], password);
        assert_stopped_before_anything(dir.path(), &ran, file, says);
    }
    let missing = render(dir.path(), "uit", &["--zegel", "nergens.p12"], Some(PASSWORD));
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stderr.contains("`nergens.p12` kan niet worden gelezen"), "{}", missing.stderr);
}

/// The run stopped before anything was made (exit 2, no output folder),
/// saying all of `says`; `case` names it in a failure.
fn assert_stopped_before_anything(dir: &Path, ran: &Ran, case: &str, says: &[&str]) {
    assert_eq!(ran.code, 2, "{case}: {}", ran.stderr);
    for said in says {
        assert!(ran.stderr.contains(said), "{case}: `{said}` in {}", ran.stderr);
    }
    assert!(!dir.join("uit").exists(), "{case}: nothing is made");
}

/// `PKIStatusInfo` and `TimeStampResp` (RFC 3161) without a token: what
/// a service that refuses answers.
#[derive(x509_cert::der::Sequence)]
struct Refusal {
    status: u8,
    status_string: Option<Vec<String>>,
}

#[derive(x509_cert::der::Sequence)]
struct Refused {
    status: Refusal,
}

/// A service on loopback that answers every request with `body`; its address.
fn service(body: Vec<u8>) -> String {
    service_by(move |_, _| body.clone())
}

/// A service on loopback that answers the `n`-th request (from 0) with
/// `answer(n, request body)`; its address.
fn service_by(answer: impl Fn(usize, &[u8]) -> Vec<u8> + Send + 'static) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}/tsa", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            // The request: headers, then as many bytes as they announce.
            let mut seen = Vec::new();
            let mut byte = [0u8; 1];
            while !seen.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                seen.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&seen).to_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|n| n.trim().parse::<usize>().ok())
                .unwrap_or(0);
            let mut request = vec![0; length];
            let _ = stream.read_exact(&mut request);
            let body = answer(n, &request);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    address
}

#[test]
fn a_timestamp_that_cannot_be_had_stops_the_run_before_anything_is_made() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    good(&dir.path().join("zegel.p12"));
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/", listener.local_addr().unwrap())
    };
    let refusal =
        Refused { status: Refusal { status: 2, status_string: Some(vec!["beleid niet ondersteund".into()]) } };
    let refusing = service(refusal.to_der().unwrap());
    let garbled = service(b"<html>geen tijdstempel</html>".to_vec());
    let cases = [
        (closed.as_str(), "geeft geen tijdstempel"),
        (refusing.as_str(), "de dienst weigert (status 2: beleid niet ondersteund)"),
        (garbled.as_str(), "het antwoord is geen tijdstempelantwoord"),
        ("https://tsa.voorbeeld.nl/", "geen http-adres van een tijdstempeldienst"),
    ];
    for (url, says) in cases {
        let ran = render(dir.path(), "uit", &["--zegel", "zegel.p12", "--tijdstempel", url], Some(PASSWORD));
        assert_stopped_before_anything(dir.path(), &ran, url, &[says]);
    }
    // Without a seal there is nothing to timestamp.
    let alone = render(dir.path(), "uit", &["--tijdstempel", "http://127.0.0.1:9/"], Some(PASSWORD));
    assert_eq!(alone.code, 2, "{}", alone.stderr);
    assert!(alone.stderr.contains("`--zegel` ontbreekt"), "{}", alone.stderr);
}

/// `MessageImprint`, `TimeStampReq` and `TSTInfo` (RFC 3161), as far as
/// a test service needs them.
#[derive(x509_cert::der::Sequence)]
struct Imprint {
    algorithm: x509_cert::spki::AlgorithmIdentifierOwned,
    hashed: OctetString,
}

#[derive(x509_cert::der::Sequence)]
struct Request {
    version: u8,
    imprint: Imprint,
    nonce: Option<x509_cert::der::asn1::Int>,
    cert_req: bool,
}

#[derive(x509_cert::der::Sequence)]
struct TstInfo {
    version: u8,
    policy: x509_cert::der::asn1::ObjectIdentifier,
    imprint: Imprint,
    serial: u32,
    time: x509_cert::der::asn1::GeneralizedTime,
}

#[derive(x509_cert::der::Sequence)]
struct Granted {
    status: Refusal,
    token: ContentInfo,
}

/// What a service that grants answers: a token of the request's imprint
/// (unsigned: what `render` checks is that it is of its signature).
fn granted(request: &[u8]) -> Vec<u8> {
    use cms::content_info::CmsVersion;
    use cms::signed_data::{EncapsulatedContentInfo, SignerInfos};
    use x509_cert::der::Any;
    use x509_cert::der::asn1::{ObjectIdentifier, SetOfVec};
    let request = Request::from_der(request).unwrap();
    let info = TstInfo {
        version: 1,
        policy: ObjectIdentifier::new_unwrap("1.2.3.4"),
        imprint: request.imprint,
        serial: 1,
        time: x509_cert::der::asn1::GeneralizedTime::from_unix_duration(Duration::from_secs(1_765_000_000)).unwrap(),
    };
    let content = OctetString::new(info.to_der().unwrap()).unwrap();
    let signed = SignedData {
        version: CmsVersion::V3,
        digest_algorithms: SetOfVec::new(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4"),
            econtent: Some(Any::encode_from(&content).unwrap()),
        },
        certificates: None,
        crls: None,
        signer_infos: SignerInfos(SetOfVec::new()),
    };
    let token = ContentInfo {
        content_type: ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2"),
        content: Any::encode_from(&signed).unwrap(),
    };
    Granted { status: Refusal { status: 0, status_string: None }, token }.to_der().unwrap()
}

/// A service that stamps the trial signature when the seal is opened and
/// refuses from then on: every document the seal would go on is not made,
/// each with the service's reason; the draft, which gets no seal, is.
#[test]
fn a_timestamp_refused_during_the_run_stops_each_document_it_would_seal() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    good(&dir.path().join("zegel.p12"));
    let refusal = Refused { status: Refusal { status: 2, status_string: Some(vec!["dienst in onderhoud".into()]) } };
    let refusal = refusal.to_der().unwrap();
    let url = service_by(move |n, request| if n == 0 { granted(request) } else { refusal.clone() });
    let ran =
        render(dir.path(), "uit", &["--zegel", "zegel.p12", "--tijdstempel", &url, "--jobs", "1"], Some(PASSWORD));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let manifest = manifest(&dir.path().join("uit"));
    let entries = manifest["documenten"].as_array().unwrap();
    assert!(entries.len() >= 4 && entries.iter().any(|e| e["document"] == MEMO), "{entries:?}");
    for entry in entries {
        let id = entry["document"].as_str().unwrap();
        let pdf = dir.path().join(format!("uit/{id}.pdf"));
        if id == MEMO {
            assert_eq!(entry["status"], "ok", "{entry}");
            assert!(pdf.is_file(), "the draft is made");
            continue;
        }
        assert_eq!(entry["status"], "fout", "{entry}");
        let reason = entry["fouten"].to_string();
        assert!(
            reason.contains("het zegel kan niet worden aangebracht: de dienst weigert (status 2: dienst in onderhoud)"),
            "{id}: {reason}"
        );
        assert!(ran.stderr.contains(&format!("document `{id}` is niet gemaakt")), "{}", ran.stderr);
        assert!(!pdf.exists(), "{id}: no PDF without its seal");
    }
    assert!(ran.stderr.contains("de dienst weigert (status 2: dienst in onderhoud)"), "{}", ran.stderr);
}
