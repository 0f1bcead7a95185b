//! The signature a PDF holds: a detached CMS SignedData (RFC 5652) as
//! PAdES baseline B-B asks (ETSI EN 319 142-1): SHA-256, the signed
//! attributes content-type, message-digest and ESS signing-certificate-v2
//! (RFC 5035), no signing-time (the PDF's `/M` says when), the
//! certificate and its chain embedded; with a timestamping service, its
//! token on the signature (B-T). Built from the `cms` crate's types
//! and encoded by `der`.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use rsa::signature::{SignatureEncoding, Signer};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::der::asn1::{Null, ObjectIdentifier, OctetString, SetOfVec};
use x509_cert::der::{Any, Encode, EncodeValue, Sequence, Tagged};
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::lang::Words;

use super::key::Key;
use super::timestamp::Tsa;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// `ESSCertIDv2` (RFC 5035) with its defaults left out: the hash algorithm
/// is SHA-256, and baseline signatures give no issuerSerial.
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
}

/// `SigningCertificateV2` (RFC 5035) without policies.
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

type Result<T> = std::result::Result<T, Words>;

/// A library's message: it reads the same in every language.
fn text(e: impl std::fmt::Display) -> Words {
    Words::same(e.to_string())
}

fn attribute<T: EncodeValue + Tagged>(oid: ObjectIdentifier, value: T) -> Result<Attribute> {
    let values = SetOfVec::try_from(vec![Any::encode_from(&value).map_err(text)?]).map_err(text)?;
    Ok(Attribute { oid, values })
}

/// The DER of the SignedData (in its ContentInfo) for content whose
/// SHA-256 is `digest`.
pub(super) fn signed_data(
    key: &Key,
    certificate: &Certificate,
    chain: &[Certificate],
    digest: &[u8],
    tsa: Option<&Tsa>,
) -> Result<Vec<u8>> {
    let cert_hash = Sha256::digest(certificate.to_der().map_err(text)?);
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 { cert_hash: OctetString::new(cert_hash.to_vec()).map_err(text)? }],
    };
    // A SET OF is encoded sorted; what is signed is exactly what is embedded.
    let signed_attrs = SetOfVec::try_from(vec![
        attribute(ID_CONTENT_TYPE, ID_DATA)?,
        attribute(ID_MESSAGE_DIGEST, OctetString::new(digest.to_vec()).map_err(text)?)?,
        attribute(ID_SIGNING_CERTIFICATE_V2, ess)?,
    ])
    .map_err(text)?;
    let to_sign = signed_attrs.to_der().map_err(text)?;
    let (signature, algorithm) = match key {
        Key::Rsa(key) => {
            let null = Any::encode_from(&Null).map_err(text)?;
            (
                key.try_sign(&to_sign).map_err(text)?.to_vec(),
                AlgorithmIdentifierOwned { oid: SHA256_WITH_RSA, parameters: Some(null) },
            )
        }
        Key::P256(key) => {
            let signature: p256::ecdsa::DerSignature = key.try_sign(&to_sign).map_err(text)?;
            (signature.to_vec(), AlgorithmIdentifierOwned { oid: ECDSA_WITH_SHA256, parameters: None })
        }
    };
    // B-T: the service's token for this signature's value.
    let unsigned_attrs = match tsa {
        Some(tsa) => Some(
            SetOfVec::try_from(vec![Attribute {
                oid: ID_SIGNATURE_TIME_STAMP_TOKEN,
                values: SetOfVec::try_from(vec![tsa.stamp(&signature)?]).map_err(text)?,
            }])
            .map_err(text)?,
        ),
        None => None,
    };
    let sha256 = AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None };
    let tbs = certificate.tbs_certificate();
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm,
        signature: OctetString::new(signature).map_err(text)?,
        unsigned_attrs,
    };
    let certificates = std::iter::once(certificate)
        .chain(chain)
        .map(|c| CertificateChoices::Certificate(c.clone()))
        .collect::<Vec<_>>();
    let data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256]).map_err(text)?,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet(SetOfVec::try_from(certificates).map_err(text)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).map_err(text)?),
    };
    let info = ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&data).map_err(text)? };
    info.to_der().map_err(text)
}
