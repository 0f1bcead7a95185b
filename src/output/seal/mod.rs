//! An invisible electronic seal on every PDF (`render --zegel file.p12`):
//! a PAdES baseline B-B signature (ETSI EN 319 142-1) of the organisation,
//! added as an incremental update so the signed bytes are exactly the
//! document made. The key is opened and checked once, before any document
//! is made ([`Seal::open`]); a wrong password, an expired certificate or a
//! key that cannot sign stops the run with nothing made.

mod cms;
mod key;
mod pdf;
mod timestamp;

use std::path::Path;
use std::time::SystemTime;

use chrono::NaiveDateTime;
use x509_cert::Certificate;

use crate::error::Failure;
use crate::lang::Words;
use crate::{say, tr};

/// The environment variable that holds the seal file's password (never
/// an argument: a command line is seen by every user of the machine).
pub const PASSWORD_VARIABLE: &str = "MISSIEDOCS_ZEGEL_WACHTWOORD";

/// A seal, opened and checked.
pub struct Seal {
    key: key::Key,
    certificate: Certificate,
    chain: Vec<Certificate>,
    /// Who seals: the certificate's common name (or organisation).
    name: String,
    /// The bytes a signature may take (measured at opening, with room).
    room: usize,
    /// The timestamping service every seal gets a token from (B-T).
    tsa: Option<timestamp::Tsa>,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seal").field("name", &self.name).finish_non_exhaustive()
    }
}

impl Seal {
    /// Opens the PKCS#12 file at `path` with the password in
    /// [`PASSWORD_VARIABLE`], for seals claiming `moment` (UTC).
    /// With `tsa` (an `http://` address), every seal gets a timestamp from
    /// that service; it is asked once here, so a service that does not
    /// answer stops the run before anything is made.
    pub fn open(path: &Path, moment: NaiveDateTime, tsa: Option<&str>) -> Result<Seal, Failure> {
        let tsa = tsa.map(timestamp::Tsa::new).transpose()?;
        let password = std::env::var(PASSWORD_VARIABLE).map_err(|_| {
            Failure::new(say!(
                "voor `--zegel` is het wachtwoord van het zegelbestand nodig",
                "`--zegel` needs the password of the seal file"
            ))
            .hint(say!(
                "zet het in de omgevingsvariabele {}, nooit op de opdrachtregel",
                "put it in the environment variable {}, never on the command line",
                PASSWORD_VARIABLE
            ))
        })?;
        let opened = key::open(path, &password, &[SystemTime::now(), system_time(moment)])?;
        let name = signer_name(&opened.certificate);
        let mut seal =
            Seal { key: opened.key, certificate: opened.certificate, chain: opened.chain, name, room: 0, tsa: None };
        // A signature of nothing: the key signs, and how much room it takes.
        let trial = seal.signature(&[0; 32]).map_err(|e| {
            let path = path.display();
            Failure::new(Words::by(|lang| {
                tr!(
                    lang,
                    "de sleutel in `{path}` kan niet tekenen: {}",
                    "the key in `{path}` cannot sign: {}",
                    e.get(lang)
                )
            }))
        })?;
        seal.room = trial.len() + 64;
        if let Some(tsa) = tsa {
            seal.tsa = Some(tsa);
            let stamped = seal.signature(&[0; 32]).map_err(|e| {
                let url = seal.tsa.as_ref().map(|t| t.url().to_string()).unwrap_or_default();
                Failure::new(Words::by(|lang| {
                    tr!(
                        lang,
                        "de tijdstempeldienst `{url}` geeft geen tijdstempel: {}",
                        "the timestamping service `{url}` gives no timestamp: {}",
                        e.get(lang)
                    )
                }))
                .hint(say!(
                    "controleer het adres, of verzegel zonder `--tijdstempel`",
                    "check the address, or seal without `--tijdstempel`"
                ))
            })?;
            // A token's size varies a little (its serial number, its time).
            seal.room = stamped.len() + 2048;
        }
        Ok(seal)
    }

    fn signature(&self, digest: &[u8]) -> Result<Vec<u8>, Words> {
        cms::signed_data(&self.key, &self.certificate, &self.chain, digest, self.tsa.as_ref())
    }

    /// The PDF with the seal added, claiming `moment` (UTC); its first bytes
    /// are `pdf`, unchanged. A moment the certificate is not valid at (in a
    /// long `watch`) is refused.
    pub fn seal(&self, pdf: &[u8], moment: NaiveDateTime) -> Result<Vec<u8>, Failure> {
        let at = system_time(moment);
        let (from, until) = key::validity(&self.certificate);
        if at < from || at > until {
            return Err(Failure::new(say!(
                "het zegelcertificaat is op {} niet geldig",
                "the seal certificate is not valid on {}",
                moment.format("%d-%m-%Y %H:%M UTC")
            )));
        }
        let claimed = moment.format("D:%Y%m%d%H%M%SZ").to_string();
        pdf::sign(pdf, self.room, &claimed, &self.name, |digest| self.signature(digest)).map_err(|e| {
            Failure::new(Words::by(|lang| {
                tr!(lang, "het zegel kan niet worden aangebracht: {}", "the seal cannot be applied: {}", e.get(lang))
            }))
        })
    }
}

fn system_time(moment: NaiveDateTime) -> SystemTime {
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(moment.and_utc().timestamp().max(0).unsigned_abs())
}

/// The common name of the certificate's subject, else its organisation,
/// else the whole subject.
fn signer_name(cert: &Certificate) -> String {
    let subject = cert.tbs_certificate().subject();
    let common = subject.common_name().ok().flatten().map(String::from);
    common.or_else(|| subject.organization().ok().flatten().map(String::from)).unwrap_or_else(|| subject.to_string())
}
