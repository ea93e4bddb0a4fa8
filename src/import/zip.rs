//! Reading a ZIP archive (a .docx is one) through its central directory. In: the
//! archive's bytes. Out: each entry's name and inflated bytes, or what is wrong.

use std::collections::BTreeMap;

/// The most an entry may inflate to: a Word document's parts are far smaller, and
/// a limit keeps a crafted archive from filling memory.
const MAX_ENTRY: usize = 256 * 1024 * 1024;

/// An archive's entries by name.
#[derive(Debug, Clone)]
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    method: u16,
    compressed: usize,
    size: usize,
    offset: usize,
}

impl<'a> Archive<'a> {
    /// Reads the central directory of `bytes`.
    pub fn read(bytes: &'a [u8]) -> Result<Archive<'a>, String> {
        let u16_at = |i: usize| -> Result<usize, String> {
            bytes
                .get(i..i + 2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
                .ok_or_else(|| "the file ends too early".to_string())
        };
        let u32_at = |i: usize| -> Result<usize, String> {
            bytes
                .get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .ok_or_else(|| "the file ends too early".to_string())
        };
        // The end record sits in the last 22 bytes plus an archive comment of up to 64 KB.
        let lowest = bytes.len().saturating_sub(22 + 65_535);
        let end = (lowest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or("it is not a ZIP archive (a .docx is one)")?;
        let count = u16_at(end + 10)?;
        let mut at = u32_at(end + 16)?;
        let mut entries = BTreeMap::new();
        for _ in 0..count {
            if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
                return Err("its table of contents is damaged".to_string());
            }
            let name_len = u16_at(at + 28)?;
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or("its table of contents is cut short")?;
            let entry = Entry {
                method: u16_at(at + 10)? as u16,
                compressed: u32_at(at + 20)?,
                size: u32_at(at + 24)?,
                offset: u32_at(at + 42)?,
            };
            entries.insert(String::from_utf8_lossy(name).replace('\\', "/"), entry);
            at += 46 + name_len + u16_at(at + 30)? + u16_at(at + 32)?;
        }
        Ok(Archive { bytes, entries })
    }

    /// The names of every entry.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// An entry's bytes, inflated; None when there is no such entry.
    pub fn get(&self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let e = self.entries.get(name)?;
        Some(self.inflate(name, e))
    }

    fn inflate(&self, name: &str, e: &Entry) -> Result<Vec<u8>, String> {
        let damaged = || format!("its part `{name}` is damaged");
        let local = self
            .bytes
            .get(e.offset..e.offset + 30)
            .ok_or_else(damaged)?;
        if &local[..4] != b"PK\x03\x04" {
            return Err(damaged());
        }
        let skip = u16::from_le_bytes([local[26], local[27]]) as usize
            + u16::from_le_bytes([local[28], local[29]]) as usize;
        let start = e.offset + 30 + skip;
        let data = self
            .bytes
            .get(start..start + e.compressed)
            .ok_or_else(damaged)?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_ENTRY.max(e.size)).map_err(|_| damaged())?,
            other => return Err(format!("its part `{name}` is compressed in a way this reader does not know (method {other})")),
        };
        if out.len() != e.size {
            return Err(damaged());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::downloads::zip::ZipWriter;

    #[test]
    fn reads_what_the_writer_wrote() {
        let mut zip = ZipWriter::default();
        zip.add(
            "word/document.xml",
            "<w:document>hello hello hello hello</w:document>".as_bytes(),
        );
        zip.add("media/a.png", &[1, 2, 3]);
        let bytes = zip.finish();
        let archive = Archive::read(&bytes).unwrap();
        assert_eq!(
            archive.names().collect::<Vec<_>>(),
            ["media/a.png", "word/document.xml"]
        );
        assert_eq!(
            archive.get("word/document.xml").unwrap().unwrap(),
            b"<w:document>hello hello hello hello</w:document>"
        );
        assert_eq!(archive.get("media/a.png").unwrap().unwrap(), [1, 2, 3]);
        assert!(archive.get("nope").is_none());
        assert!(Archive::read(b"not a zip at all, just text").is_err());
    }
}
