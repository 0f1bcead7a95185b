//! The key and certificate of an e-seal, read from a PKCS#12 file (`.p12`,
//! `.pfx`) and checked before anything is made: the password opens it,
//! it holds one private key (RSA or ECDSA P-256) with the certificate of
//! that key, the certificate is valid now and at the moment the seal
//! claims, and may be used for signatures.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, SystemTime};

use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::signature::Keypair;
use sha2::Sha256;
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::{KeyUsage, KeyUsages};

use crate::error::Failure;
use crate::say;

/// A key that signs.
pub(super) enum Key {
    /// RSA, PKCS #1 v1.5 with SHA-256.
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    /// ECDSA on P-256 with SHA-256 (RFC 6979: the same bytes each time).
    P256(p256::ecdsa::SigningKey),
}

/// What a PKCS#12 file holds for a seal.
pub(super) struct Opened {
    /// The key.
    pub key: Key,
    /// The certificate of the key.
    pub certificate: Certificate,
    /// The other certificates of the file (its chain), as given.
    pub chain: Vec<Certificate>,
}

/// The most a PKCS#12 file may hold: a key and a chain are a few KiB.
const MOST_BYTES: u64 = 1 << 20;

/// Opens the file at `path` with `password`; `moments` are when the seal
/// is made (now, and the moment it claims).
pub(super) fn open(path: &Path, password: &str, moments: &[SystemTime]) -> Result<Opened, Failure> {
    let shown = path.display();
    let unreadable =
        |e| Failure::new(say!("`{shown}` kan niet worden gelezen", "`{shown}` cannot be read")).caused_by(e);
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|file| file.take(MOST_BYTES + 1).read_to_end(&mut bytes)).map_err(unreadable)?;
    if bytes.len() as u64 > MOST_BYTES {
        return Err(Failure::new(say!(
            "`{shown}` is geen zegelbestand: groter dan 1 MiB",
            "`{shown}` is not a seal file: larger than 1 MiB"
        )));
    }
    let store = KeyStore::from_pkcs12(&bytes, password, Pkcs12ImportPolicy::Relaxed).map_err(|e| match e {
        p12_keystore::error::Error::MacError(_) => {
            Failure::new(say!("het wachtwoord van `{shown}` klopt niet", "the password of `{shown}` is wrong")).hint(
                say!(
                    "zet het wachtwoord van het zegelbestand in MISSIEDOCS_ZEGEL_WACHTWOORD",
                    "put the seal file's password in MISSIEDOCS_ZEGEL_WACHTWOORD"
                ),
            )
        }
        other => Failure::new(say!(
            "`{shown}` kan niet worden geopend als PKCS#12-bestand (.p12, .pfx): {other}",
            "`{shown}` cannot be opened as a PKCS#12 file (.p12, .pfx): {other}"
        )),
    })?;
    let Some((_, entry)) = store.private_key_chain() else {
        return Err(Failure::new(say!(
            "`{shown}` bevat geen sleutel met certificaat",
            "`{shown}` holds no key with a certificate"
        ))
        .hint(say!(
            "exporteer het zegelcertificaat mét de private sleutel (PKCS#12, .p12)",
            "export the seal certificate with its private key (PKCS#12, .p12)"
        )));
    };
    let key = key(entry.key().as_der(), &shown)?;
    let public = key.public_der().map_err(|_| cannot_sign(&shown))?;
    let mut certificates = Vec::new();
    for cert in entry.certs() {
        let read = Certificate::from_der(cert.as_der()).map_err(|e| {
            Failure::new(say!(
                "een certificaat in `{shown}` kan niet worden gelezen: {e}",
                "a certificate in `{shown}` cannot be read: {e}"
            ))
        })?;
        certificates.push(read);
    }
    let own = certificates
        .iter()
        .position(|c| c.tbs_certificate().subject_public_key_info().to_der().ok().as_deref() == Some(&public[..]))
        .ok_or_else(|| {
            Failure::new(say!(
                "de sleutel in `{shown}` hoort bij geen van zijn certificaten",
                "the key in `{shown}` belongs to none of its certificates"
            ))
        })?;
    let certificate = certificates.remove(own);
    valid(&certificate, moments, &shown)?;
    Ok(Opened { key, certificate, chain: certificates })
}

fn cannot_sign(shown: &impl std::fmt::Display) -> Failure {
    Failure::new(say!(
        "de sleutel in `{shown}` kan niet tekenen: alleen RSA en ECDSA P-256 worden ondersteund",
        "the key in `{shown}` cannot sign: only RSA and ECDSA P-256 are supported"
    ))
}

/// The key of a PKCS #8 structure.
fn key(der: &[u8], shown: &impl std::fmt::Display) -> Result<Key, Failure> {
    if let Ok(rsa) = rsa::PrivateKey::from_pkcs8_der(der) {
        return Ok(Key::Rsa(Box::new(rsa::pkcs1v15::SigningKey::<Sha256>::new(rsa))));
    }
    if let Ok(ec) = p256::SecretKey::from_pkcs8_der(der) {
        return Ok(Key::P256(p256::ecdsa::SigningKey::from(ec)));
    }
    Err(cannot_sign(shown))
}

impl Key {
    /// The DER of the key's public part, as a certificate holds it.
    fn public_der(&self) -> Result<Vec<u8>, ()> {
        let der = match self {
            Key::Rsa(key) => key.verifying_key().to_public_key_der(),
            Key::P256(key) => key.verifying_key().to_public_key_der(),
        };
        der.map(|d| d.as_bytes().to_vec()).map_err(drop)
    }
}

/// When a certificate is valid: from, until.
pub(super) fn validity(cert: &Certificate) -> (SystemTime, SystemTime) {
    let validity = cert.tbs_certificate().validity();
    (validity.not_before.to_system_time(), validity.not_after.to_system_time())
}

/// The certificate is valid at every moment and may sign.
fn valid(cert: &Certificate, moments: &[SystemTime], shown: &impl std::fmt::Display) -> Result<(), Failure> {
    let (from, until) = validity(cert);
    let day = |t: SystemTime| {
        let secs = t.duration_since(SystemTime::UNIX_EPOCH).unwrap_or(Duration::ZERO).as_secs();
        chrono::DateTime::from_timestamp(secs as i64, 0).map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default()
    };
    for &moment in moments {
        if moment > until {
            return Err(Failure::new(say!(
                "het certificaat in `{shown}` is verlopen op {}",
                "the certificate in `{shown}` expired on {}",
                day(until)
            ))
            .hint(say!(
                "vraag een nieuw zegelcertificaat aan bij uw certificaatdienstverlener",
                "ask your certificate provider for a new seal certificate"
            )));
        }
        if moment < from {
            return Err(Failure::new(say!(
                "het certificaat in `{shown}` is pas geldig vanaf {}",
                "the certificate in `{shown}` is only valid from {}",
                day(from)
            )));
        }
    }
    if let Ok(Some((_, usage))) = cert.tbs_certificate().get_extension::<KeyUsage>() {
        let usage: KeyUsage = usage;
        if !usage.0.contains(KeyUsages::DigitalSignature) && !usage.0.contains(KeyUsages::NonRepudiation) {
            return Err(Failure::new(say!(
                "het certificaat in `{shown}` mag niet tekenen (het sleutelgebruik staat geen handtekening toe)",
                "the certificate in `{shown}` may not sign (its key usage allows no signature)"
            )));
        }
    }
    Ok(())
}
