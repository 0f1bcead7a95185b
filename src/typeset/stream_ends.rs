//! Streams whose data ends in a carriage return, written so every reader
//! agrees where the data ends. A PDF writer puts one end-of-line marker
//! between a stream's data and `endstream`; when that marker is a line feed
//! and the data's last byte is a carriage return, the two read as one CR LF
//! marker to JHOVE (which e-depots use) and to page-validation, which then
//! take the data to be one byte short of its `/Length`, while veraPDF reads
//! the line feed alone and passes. About one PDF in 75 has such a stream
//! (compressed data ending in byte 13). Writing CR LF after such data
//! leaves one reading only: the data, then a CR LF marker.
//!
//! The pass reads the classic cross-reference table the PDF writers used
//! here produce, inserts the carriage returns and moves every offset after
//! them. A PDF it cannot read that way is returned unchanged.

/// The PDF with a carriage return inserted before the line feed that ends
/// each stream whose data ends in a carriage return; the offsets in its
/// cross-reference table and `startxref` moved to match. Unchanged when no
/// stream needs it, or when the file is not laid out as expected.
///
/// ```
/// use missiedocs::typeset::stream_ends::settle;
/// let ok = b"%PDF-1.7\n".to_vec();
/// assert_eq!(settle(ok.clone()), ok);
/// ```
pub fn settle(pdf: Vec<u8>) -> Vec<u8> {
    match plan(&pdf) {
        Some(plan) if !plan.inserts.is_empty() => {
            let settled = apply(&pdf, &plan);
            // Every object where the moved table says it is, and nothing
            // left to settle: else the file was not laid out as read.
            match plan_of_settled(&settled) {
                true => settled,
                false => pdf,
            }
        }
        _ => pdf,
    }
}

/// Whether a settled file reads whole: each entry of its table leads to
/// `N G obj` for its own object, and no stream is left to settle.
fn plan_of_settled(pdf: &[u8]) -> bool {
    let Some(plan) = plan(pdf) else { return false };
    plan.inserts.is_empty()
        && plan.entries.iter().all(|&(_, offset, number)| {
            pdf.get(offset..).is_some_and(|at| at.starts_with(format!("{number} ").as_bytes()))
        })
}

/// Where carriage returns go, and where the table to move is.
struct Plan {
    /// Byte positions (ascending) before which a CR is inserted.
    inserts: Vec<usize>,
    /// Each in-use entry of the table: where its ten offset digits are,
    /// the offset they hold, and the object's number.
    entries: Vec<(usize, usize, usize)>,
    /// Where the number after `startxref` starts and ends, and its value.
    startxref: (usize, usize, usize),
}

fn plan(pdf: &[u8]) -> Option<Plan> {
    let tail_from = pdf.len().saturating_sub(64);
    let at = tail_from + memchr::memmem::rfind(&pdf[tail_from..], b"startxref")?;
    let digits_start = at + 9 + pdf[at + 9..].iter().position(u8::is_ascii_digit)?;
    let digits_end = digits_start + pdf[digits_start..].iter().position(|b| !b.is_ascii_digit())?;
    let xref: usize = std::str::from_utf8(&pdf[digits_start..digits_end]).ok()?.parse().ok()?;
    if !pdf.get(xref..)?.starts_with(b"xref") {
        return None;
    }
    let entries = table(pdf, xref)?;
    let mut offsets: Vec<usize> = entries.iter().map(|&(_, offset, _)| offset).filter(|&o| o < xref).collect();
    offsets.sort_unstable();
    let mut inserts = Vec::new();
    for (i, &start) in offsets.iter().enumerate() {
        let end = offsets.get(i + 1).copied().unwrap_or(xref);
        if let Some(at) = cr_before_lf(pdf.get(start..end)?) {
            inserts.push(start + at);
        }
    }
    Some(Plan { inserts, entries, startxref: (digits_start, digits_end, xref) })
}

/// The in-use entries of a classic cross-reference table at `xref`:
/// where each entry's offset digits are, the offset, the object number.
fn table(pdf: &[u8], xref: usize) -> Option<Vec<(usize, usize, usize)>> {
    let mut at = xref + 4;
    let mut entries = Vec::new();
    loop {
        while pdf.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if pdf.get(at..)?.starts_with(b"trailer") {
            return Some(entries);
        }
        // A subsection header: first object number and count.
        let line_end = at + pdf.get(at..)?.iter().position(|&b| b == b'\n' || b == b'\r')?;
        let header = std::str::from_utf8(&pdf[at..line_end]).ok()?;
        let mut numbers = header.split_whitespace().map(str::parse::<usize>);
        let (first, count) = (numbers.next()?.ok()?, numbers.next()?.ok()?);
        at = line_end;
        while pdf.get(at).is_some_and(|&b| b == b'\n' || b == b'\r') {
            at += 1;
        }
        for i in 0..count {
            // Each entry is twenty bytes: `nnnnnnnnnn ggggg n` and its end of line.
            let entry = pdf.get(at..at.checked_add(20)?)?;
            if entry[17] == b'n' {
                let offset = std::str::from_utf8(&entry[..10]).ok()?.parse().ok()?;
                entries.push((at, offset, first.checked_add(i)?));
            }
            at += 20;
        }
    }
}

/// In one indirect object: if it is a stream whose data (by its direct
/// `/Length`) ends in CR and is followed by a lone LF before `endstream`,
/// the position of that LF.
fn cr_before_lf(object: &[u8]) -> Option<usize> {
    let length_at = find_length(object)?;
    let rest = &object[length_at..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let length: usize = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    let keyword = length_at + memchr::memmem::find(&object[length_at..], b"stream")?;
    let mut data = keyword + 6;
    if object.get(data) == Some(&b'\r') {
        data += 1;
    }
    if object.get(data) != Some(&b'\n') {
        return None;
    }
    data += 1;
    let end = data.checked_add(length)?;
    let ends_in_cr = end > data && object.get(end - 1) == Some(&b'\r');
    (ends_in_cr && object.get(end..)?.starts_with(b"\nendstream")).then_some(end)
}

/// Where the value of the dictionary's `/Length` key starts (not
/// `/Length1`, `/Length2`, … of an embedded font).
fn find_length(object: &[u8]) -> Option<usize> {
    let head = &object[..memchr::memmem::find(object, b"stream")?];
    memchr::memmem::find_iter(head, b"/Length").find_map(|found| {
        let after = found + 7;
        let value = after + head[after..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        (value > after && head.get(value).is_some_and(u8::is_ascii_digit)).then_some(value)
    })
}

fn apply(pdf: &[u8], plan: &Plan) -> Vec<u8> {
    let shifted = |offset: usize| offset + plan.inserts.partition_point(|&at| at <= offset);
    let mut out = Vec::with_capacity(pdf.len() + plan.inserts.len() + 4);
    let mut from = 0;
    for &at in &plan.inserts {
        out.extend_from_slice(&pdf[from..at]);
        out.push(b'\r');
        from = at;
    }
    out.extend_from_slice(&pdf[from..]);
    // Every entry of the table lies after the last insertion: moved by all.
    let moved = plan.inserts.len();
    for &(digits, offset, _) in &plan.entries {
        let text = format!("{:010}", shifted(offset));
        out[digits + moved..digits + moved + 10].copy_from_slice(text.as_bytes());
    }
    let (start, end, xref) = plan.startxref;
    let mut settled = out[..start + moved].to_vec();
    settled.extend_from_slice(shifted(xref).to_string().as_bytes());
    settled.extend_from_slice(&out[end + moved..]);
    settled
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of the given streams' data, laid out as krilla writes it:
    /// `stream` LF, the data, LF `endstream`; a classic table.
    fn pdf(streams: &[&[u8]]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        let mut objects: Vec<Vec<u8>> =
            vec![b"<</Type/Catalog/Pages 2 0 R>>".to_vec(), b"<</Type/Pages/Kids[]/Count 0>>".to_vec()];
        for data in streams {
            let mut object = format!("<</Length1 99/Length {}>>\nstream\n", data.len()).into_bytes();
            object.extend_from_slice(data);
            object.extend_from_slice(b"\nendstream");
            objects.push(object);
        }
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(object);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF", objects.len() + 1).as_bytes(),
        );
        out
    }

    #[test]
    fn data_ending_in_cr_gets_cr_lf_and_every_offset_moves() {
        let streams: [&[u8]; 4] = [b"abc\r", b"plain", b"\r\r", b"ends\r\n"];
        let before = pdf(&streams);
        let after = settle(before.clone());
        assert_eq!(after.len(), before.len() + 2);
        let doc = lopdf::Document::load_mem(&after).unwrap();
        for (i, data) in streams.iter().enumerate() {
            let stream = doc.get_object((i as u32 + 3, 0)).unwrap().as_stream().unwrap();
            assert_eq!(&stream.content, data, "stream {i}");
        }
        // The table points at every object.
        for (i, _) in streams.iter().enumerate() {
            let id = format!("{} 0 obj", i + 3);
            let at = memchr::memmem::find(&after, id.as_bytes()).unwrap();
            assert!(String::from_utf8_lossy(&after).contains(&format!("{at:010} 00000 n")), "{id}");
        }
        let text = String::from_utf8_lossy(&after);
        assert!(text.contains("abc\r\r\nendstream") && text.contains("\r\r\r\nendstream"));
        assert!(text.contains("plain\nendstream") && text.contains("ends\r\n\nendstream"));
        // Settled once, it stays as it is.
        assert_eq!(settle(after.clone()), after);
        // Nothing to do: the same bytes.
        let plain = pdf(&[b"x", b"y"]);
        assert_eq!(settle(plain.clone()), plain);
        // Not laid out as expected: unchanged.
        let mut cut = before.clone();
        cut.truncate(before.len() - 40);
        assert_eq!(settle(cut.clone()), cut);
    }
}
