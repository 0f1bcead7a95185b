//! The baseline: the Typst command-line compiler, version 0.15.1 — the
//! version missiedocs embeds — found on PATH, in `MISSIEDOCS_TYPST`, or in
//! a cache under the target folder, where it is installed with
//! `cargo install --locked` when it is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The version compared against.
pub const VERSION: &str = "0.15.1";

/// The `typst` binary to compare against, or why there is none.
pub fn typst(target: &Path) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("MISSIEDOCS_TYPST") {
        let path = PathBuf::from(path);
        return if is_version(&path) {
            Ok(path)
        } else {
            Err(format!("MISSIEDOCS_TYPST={} is not typst {VERSION}", path.display()))
        };
    }
    let on_path = PathBuf::from("typst");
    if is_version(&on_path) {
        return Ok(on_path);
    }
    let root = target.join(format!("typst-cli-{VERSION}"));
    let cached = root.join("bin/typst");
    if is_version(&cached) {
        return Ok(cached);
    }
    println!(
        "typst {VERSION} is not on PATH: installing it with `cargo install --locked typst-cli --version {VERSION} \
         --root {}` (once; about ten minutes on two cores)",
        root.display()
    );
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["install", "--locked", "--quiet", "typst-cli", "--version", VERSION, "--root"])
        .arg(&root)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cargo could not be started: {e}"))?;
    if status.success() && is_version(&cached) {
        Ok(cached)
    } else {
        Err(format!("`cargo install typst-cli` failed ({status}); is crates.io reachable?"))
    }
}

fn is_version(typst: &Path) -> bool {
    Command::new(typst)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(VERSION))
}

/// The command that compiles one exported project the way missiedocs
/// makes its PDF: only the bundled fonts, PDF/A-2a and PDF/UA-1.
pub fn compile(typst: &Path, fonts: &Path, project: &Path, pdf: &Path) -> Command {
    let mut command = Command::new(typst);
    command
        .args(["compile", "--ignore-system-fonts", "--pdf-standard", "a-2a,ua-1", "--font-path"])
        .arg(fonts)
        .arg(project.join("main.typ"))
        .arg(pdf)
        .stdout(Stdio::null());
    command
}
