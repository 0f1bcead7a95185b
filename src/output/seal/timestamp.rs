//! A timestamp on the seal (`--tijdstempel URL`, PAdES baseline B-T): the
//! signature's value is sent to a timestamping service (RFC 3161, over
//! HTTP), and the token it answers — the service's own signed statement
//! of the time — goes into the signature as its unsigned attribute
//! signatureTimeStampToken (RFC 3161, appendix A). The token is checked
//! to be of this signature before it is used.

use std::io::Read;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::error::Failure;
use crate::lang::Words;
use crate::say;
use x509_cert::der::asn1::{BitString, Int, ObjectIdentifier, OctetString};
use x509_cert::der::{Any, Encode, Reader, Sequence, SliceReader};
use x509_cert::spki::AlgorithmIdentifierOwned;

const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

/// The most an answer may be: a token with its certificates is a few KiB.
const MOST_BYTES: u64 = 256 * 1024;

/// `MessageImprint` (RFC 3161).
#[derive(Sequence, Clone, PartialEq, Eq)]
pub(super) struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// `TimeStampReq` (RFC 3161) without policy or extensions.
#[derive(Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    nonce: Option<Int>,
    cert_req: bool,
}

/// `PKIStatusInfo` (RFC 3161): the status and, when refused, why.
#[derive(Sequence)]
struct PkiStatusInfo {
    status: u8,
    status_string: Option<Vec<String>>,
    fail_info: Option<BitString>,
}

/// A timestamping service.
pub(super) struct Tsa {
    url: String,
}

impl Tsa {
    /// A service at `url`: `http://` (a token is signed by the service, so
    /// it needs no TLS; services are reached that way).
    pub(super) fn new(url: &str) -> Result<Tsa, Failure> {
        let valid = url.strip_prefix("http://").is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
            && !url.chars().any(|c| c.is_whitespace() || c.is_control());
        if !valid {
            return Err(Failure::new(say!(
                "`--tijdstempel {url}`: geen http-adres van een tijdstempeldienst",
                "`--tijdstempel {url}`: not the http address of a timestamping service"
            ))
            .hint(say!(
                "geef het adres zoals de dienst het noemt, bijvoorbeeld http://tijdstempel.example.nl/tsa (https wordt niet ondersteund: het antwoord is door de dienst zelf ondertekend)",
                "give the address as the service names it, for example http://timestamp.example.com/tsa (https is not supported: the answer is signed by the service itself)"
            )));
        }
        Ok(Tsa { url: url.to_string() })
    }

    /// Its address.
    pub(super) fn url(&self) -> &str {
        &self.url
    }

    /// The token for a signature's value, checked to be of it.
    pub(super) fn stamp(&self, signature: &[u8]) -> Result<Any, Words> {
        let imprint = MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None },
            hashed_message: OctetString::new(Sha256::digest(signature).to_vec()).map_err(words)?,
        };
        let nonce = nonce(signature);
        let request = TimeStampReq {
            version: 1,
            message_imprint: imprint.clone(),
            nonce: Some(Int::new(&nonce).map_err(words)?),
            cert_req: true,
        };
        let body = request.to_der().map_err(words)?;
        let answer = self.post(&body)?;
        let token = token(&answer)?;
        let stamped = imprint_of(&token)?;
        if stamped != imprint {
            return Err(say!("de tijdstempel is niet die van deze handtekening", "the token is not of this signature"));
        }
        Ok(token)
    }

    fn post(&self, body: &[u8]) -> Result<Vec<u8>, Words> {
        let agent: ureq::Agent =
            ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(20))).build().into();
        let response = agent
            .post(&self.url)
            .header("Content-Type", "application/timestamp-query")
            .send(body)
            .map_err(|e| say!("de dienst antwoordt niet ({e})", "the service does not answer ({e})"))?;
        let mut answer = Vec::new();
        response
            .into_body()
            .into_reader()
            .take(MOST_BYTES + 1)
            .read_to_end(&mut answer)
            .map_err(|e| say!("het antwoord komt niet aan ({e})", "the answer does not arrive ({e})"))?;
        if answer.len() as u64 > MOST_BYTES {
            return Err(say!("het antwoord is groter dan 256 KiB", "the answer is larger than 256 KiB"));
        }
        Ok(answer)
    }
}

/// A library's message: it reads the same in every language.
fn words(e: impl std::fmt::Display) -> Words {
    Words::same(e.to_string())
}

/// A number used once: from the signature and the clock.
fn nonce(signature: &[u8]) -> Vec<u8> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let mut hasher = Sha256::new();
    hasher.update(signature);
    hasher.update(now.as_nanos().to_be_bytes());
    // Positive, eight bytes.
    let mut nonce = hasher.finalize()[..8].to_vec();
    nonce[0] &= 0x7f;
    nonce
}

/// The token of a `TimeStampResp`, when the service granted it.
fn token(answer: &[u8]) -> Result<Any, Words> {
    let unreadable = |e: x509_cert::der::Error| {
        say!("het antwoord is geen tijdstempelantwoord ({e})", "the answer is no timestamp response ({e})")
    };
    let mut reader = SliceReader::new(answer).map_err(unreadable)?;
    let (status, token) = reader
        .sequence(|r| {
            let status: PkiStatusInfo = r.decode()?;
            let token: Option<Any> = r.decode()?;
            Ok::<_, x509_cert::der::Error>((status, token))
        })
        .map_err(unreadable)?;
    // 0 granted, 1 granted with modifications.
    if status.status > 1 {
        let why: Vec<String> = status.status_string.into_iter().flatten().collect();
        let (status, why) =
            (status.status, if why.is_empty() { String::new() } else { format!(": {}", why.join("; ")) });
        return Err(say!("de dienst weigert (status {status}{why})", "the service refused (status {status}{why})"));
    }
    token.ok_or_else(|| say!("het antwoord bevat geen tijdstempel", "the answer holds no token"))
}

/// The message imprint a token vouches for.
fn imprint_of(token: &Any) -> Result<MessageImprint, Words> {
    let unreadable = |e: x509_cert::der::Error| {
        say!("de tijdstempel kan niet worden gelezen ({e})", "the token cannot be read ({e})")
    };
    let info: cms::content_info::ContentInfo = token.decode_as().map_err(unreadable)?;
    let signed: cms::signed_data::SignedData = info.content.decode_as().map_err(unreadable)?;
    let content = signed.encap_content_info;
    let empty = || say!("de tijdstempel bevat geen TSTInfo", "the token holds no TSTInfo");
    if content.econtent_type != ID_CT_TST_INFO {
        return Err(empty());
    }
    let octets: OctetString = content.econtent.ok_or_else(empty)?.decode_as().map_err(unreadable)?;
    let mut reader = SliceReader::new(octets.as_bytes()).map_err(unreadable)?;
    reader
        .sequence(|r| {
            let _version: Int = r.decode()?;
            let _policy: ObjectIdentifier = r.decode()?;
            let imprint: MessageImprint = r.decode()?;
            // The rest (serial number, time, …) is the validator's to read.
            let rest = r.remaining_len();
            r.read_slice(rest)?;
            Ok::<_, x509_cert::der::Error>(imprint)
        })
        .map_err(unreadable)
}
