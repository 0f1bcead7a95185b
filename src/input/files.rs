//! Where the data's files are: the data folder (the workbook's folder, or
//! the CSV folder itself), the paths the data names inside it (texts, logo,
//! annexes; links followed, never leaving it), and the organisation's
//! template folder beside it.

use std::path::{Component, Path, PathBuf};

use crate::error::Failure;
use crate::say;

/// The folder of the data: a CSV folder itself, else the workbook's folder
/// (`.` for a workbook named without a folder).
///
/// ```
/// use std::path::Path;
/// use missiedocs::input::files::data_folder;
/// assert_eq!(data_folder(Path::new("missies.xlsx")), Path::new("."));
/// assert_eq!(data_folder(Path::new("data/missies.xlsx")), Path::new("data"));
/// ```
pub fn data_folder(data: &Path) -> PathBuf {
    let dir = if data.is_dir() { data.to_path_buf() } else { data.parent().map(Path::to_path_buf).unwrap_or_default() };
    if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir }
}

/// The folder of an organisation's own templates, when it has one
/// (`sjablonen/` beside the data).
pub const TEMPLATE_FOLDER: &str = "sjablonen";

/// The template folder to use: the given one, else [`TEMPLATE_FOLDER`]
/// beside the data when it exists.
pub fn template_folder(data: &Path, given: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = given {
        return Some(dir.to_path_buf());
    }
    let dir = data_folder(data).join(TEMPLATE_FOLDER);
    dir.is_dir().then_some(dir)
}

/// Resolves a path from the data (a text, logo or annex) inside the data
/// folder: absolute paths and `..` are refused, and so is a path that leaves
/// the folder through a symbolic link.
pub fn data_file(base: &Path, rel: &str) -> Result<PathBuf, Failure> {
    let rel_path = Path::new(rel);
    let inside = rel_path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let outside =
        || Failure::new(say!("`{rel}` ligt buiten de map met gegevens", "`{rel}` lies outside the data folder"));
    if !inside || rel.trim().is_empty() {
        return Err(outside());
    }
    let path = base.join(rel_path);
    if !path.is_file() {
        return Err(Failure::new(say!(
            "bestand `{rel}` bestaat niet (gezocht in `{}`)",
            "file `{rel}` does not exist (looked in `{}`)",
            base.display()
        )));
    }
    // Links followed: where the file really is must be inside the folder.
    let real_base = base.canonicalize().map_err(|_| outside())?;
    let real = path.canonicalize().map_err(|_| outside())?;
    if real.starts_with(&real_base) {
        Ok(real)
    } else {
        Err(Failure::new(say!(
            "`{rel}` verwijst naar `{}`, buiten de map met gegevens",
            "`{rel}` points to `{}`, outside the data folder",
            real.display()
        )))
    }
}

/// A picture the data names (in a text, as a signature or a logo): inside
/// the data folder, a JPEG, PNG, GIF, WebP or SVG file by its content, and
/// one that can be printed ([`super::picture::unprintable`]).
pub fn picture(base: &Path, rel: &str) -> Result<PathBuf, Failure> {
    if rel.contains("://") {
        return Err(Failure::new(say!(
            "de afbeelding `{rel}` staat op internet; missiedocs leest alleen bestanden uit de map met gegevens",
            "the picture `{rel}` is on the internet; missiedocs reads only files from the data folder"
        )));
    }
    let path = data_file(base, rel)?;
    let mut head = Vec::with_capacity(1024);
    let read = std::fs::File::open(&path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 1024), &mut head));
    if let Err(source) = read {
        return Err(Failure::new(say!("`{rel}` kan niet worden gelezen", "`{rel}` cannot be read")).caused_by(source));
    }
    if super::picture::picture_kind(&head).is_some() {
        // Read completely, as Typst will print it.
        match super::picture::unprintable_file(&path, rel) {
            Some(why) => Err(Failure::new(why)),
            None => Ok(path),
        }
    } else {
        let kinds = super::picture::PICTURES.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
        Err(Failure::new(say!("`{rel}` is geen afbeelding ({kinds})", "`{rel}` is not a picture ({kinds})")))
    }
}

/// Reads a text file the data names (UTF-8, Windows-1252 as older Word and
/// Excel save it, or UTF-16 with its byte-order mark as Notepad's
/// "Unicode"); UTF-16 without its mark is refused, not read as garble.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|source| {
        Failure::new(say!("`{}` kan niet worden gelezen", "`{}` cannot be read", path.display())).caused_by(source)
    })?;
    // Saved as "Unicode" by Notepad or Word: UTF-16, said by its mark.
    for (mark, encoding) in [(b"\xff\xfe", encoding_rs::UTF_16LE), (b"\xfe\xff", encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(mark) {
            // Exactly, or not at all: a broken character is no guess to make.
            return encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|t| t.into_owned())
                .ok_or_else(|| {
                    Failure::new(say!(
                        "`{}` is in UTF-16 opgeslagen, maar niet alle tekens zijn te lezen; sla de tekst op als UTF-8",
                        "`{}` is saved in UTF-16, but not every character can be read; save the text as UTF-8",
                        path.display()
                    ))
                });
        }
    }
    if bytes.contains(&0) {
        return Err(Failure::new(say!(
            "`{}` is geen tekst in UTF-8 (er staan nultekens in, zoals in UTF-16 zonder kenmerk); sla de tekst op als UTF-8",
            "`{}` is no UTF-8 text (it holds zero characters, as UTF-16 without a mark does); save the text as UTF-8",
            path.display()
        )));
    }
    Ok(decode_text(&bytes))
}

/// The SHA-256 of the data a run reads: a workbook's bytes, or for a
/// folder of CSV files each file's name and bytes in name order. `None`
/// when it cannot be read (the run itself then says why).
pub fn digest(data: &Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    let hex = |digest: &[u8]| digest.iter().map(|b| format!("{b:02x}")).collect::<String>();
    if !data.is_dir() {
        return std::fs::read(data).ok().map(|bytes| hex(&Sha256::digest(bytes)));
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(data)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.file_name()?.as_encoded_bytes());
        hasher.update([0]);
        hasher.update(hex(&Sha256::digest(std::fs::read(&file).ok()?)));
        hasher.update([b'\n']);
    }
    Some(hex(&hasher.finalize()))
}

/// Decodes a text file's bytes (a CSV file, a Markdown text): UTF-8 (a BOM is dropped) or Windows-1252.
///
/// ```
/// use missiedocs::input::decode_text;
/// assert_eq!(decode_text(b"\xef\xbb\xbfcaf\xc3\xa9"), "café");
/// assert_eq!(decode_text(b"caf\xe9 \x80 5"), "café € 5");
/// ```
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(base: &Path, rel: &str) -> String {
        data_file(base, rel).unwrap_err().to_string()
    }

    #[test]
    fn pictures_are_known_by_their_content() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), crate::input::picture::tests::png(3, 2)).unwrap();
        std::fs::write(
            dir.path().join("b.svg"),
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>",
        )
        .unwrap();
        std::fs::write(dir.path().join("d.png"), b"\x89PNG\r\n\x1a\n rest").unwrap();
        let why = picture(dir.path(), "d.png").unwrap_err().to_string();
        assert_eq!(why, "`d.png` is beschadigd of onvolledig: de afbeelding kan niet worden gelezen");
        std::fs::write(dir.path().join("c.jpg"), "geen foto").unwrap();
        assert!(picture(dir.path(), "a.png").is_ok());
        assert!(picture(dir.path(), "b.svg").is_ok());
        let why = picture(dir.path(), "c.jpg").unwrap_err().to_string();
        assert_eq!(why, "`c.jpg` is geen afbeelding (JPEG, PNG, GIF, WebP, SVG)");
        let why = picture(dir.path(), "https://x.nl/a.png").unwrap_err().to_string();
        assert!(why.contains("staat op internet"), "{why}");
        assert!(picture(dir.path(), "../a.png").unwrap_err().to_string().contains("buiten"));
    }

    #[test]
    fn data_files_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        assert!(data_file(dir.path(), "a.md").is_ok());
        assert!(data_file(dir.path(), "./a.md").is_ok());
        assert!(refused(dir.path(), "../a.md").contains("buiten"));
        assert!(refused(dir.path(), "/etc/passwd").contains("buiten"));
        assert!(refused(dir.path(), "b.md").contains("bestaat niet"));
        #[cfg(unix)]
        {
            let data = dir.path().join("gegevens");
            std::fs::create_dir(&data).unwrap();
            std::os::unix::fs::symlink("/etc/passwd", data.join("link.pdf")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("a.md"), data.join("a.md")).unwrap();
            assert!(refused(&data, "link.pdf").contains("buiten de map"));
            assert!(refused(&data, "a.md").contains("buiten de map"));
        }
    }
}
