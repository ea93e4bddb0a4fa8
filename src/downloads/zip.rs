//! A minimal, deterministic ZIP writer: deflated entries, fixed timestamps, no extras.
//!
//! Enough for Office Open XML packages (.docx), and byte-identical for identical input,
//! which general-purpose ZIP crates do not promise (they stamp the current time).

use miniz_oxide::deflate::compress_to_vec;

/// DOS date 1980-01-01 00:00, the earliest a ZIP entry can carry.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
    method: u16,
}

impl Entry {
    /// The fields the local header and the central directory both carry, in the same
    /// order: version needed, flags, method, time, date, CRC, sizes, name length.
    fn push_shared_fields(&self, b: &mut Vec<u8>) {
        b.extend_from_slice(&20u16.to_le_bytes()); // version needed
        b.extend_from_slice(&0u16.to_le_bytes()); // flags
        b.extend_from_slice(&self.method.to_le_bytes());
        b.extend_from_slice(&DOS_TIME.to_le_bytes());
        b.extend_from_slice(&DOS_DATE.to_le_bytes());
        b.extend_from_slice(&self.crc.to_le_bytes());
        b.extend_from_slice(&self.compressed.to_le_bytes());
        b.extend_from_slice(&self.size.to_le_bytes());
        b.extend_from_slice(&(self.name.len() as u16).to_le_bytes());
    }
}

/// Builds a ZIP archive in memory.
#[derive(Default)]
pub struct ZipWriter {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
}

impl ZipWriter {
    /// Adds a file, deflated unless deflating would make it larger.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let deflated = compress_to_vec(data, 9);
        let (method, body) = if deflated.len() < data.len() {
            (8u16, deflated.as_slice())
        } else {
            (0u16, data)
        };
        let entry = Entry {
            name: name.to_string(),
            crc: crc32(data),
            compressed: body.len() as u32,
            size: data.len() as u32,
            offset: self.bytes.len() as u32,
            method,
        };
        let b = &mut self.bytes;
        b.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        entry.push_shared_fields(b);
        b.extend_from_slice(&0u16.to_le_bytes()); // extra length
        b.extend_from_slice(entry.name.as_bytes());
        b.extend_from_slice(body);
        self.entries.push(entry);
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(mut self) -> Vec<u8> {
        let start = self.bytes.len() as u32;
        for e in &self.entries {
            let b = &mut self.bytes;
            b.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            b.extend_from_slice(&20u16.to_le_bytes()); // version made by
            e.push_shared_fields(b);
            b.extend_from_slice(&[0; 8]); // extra and comment lengths, disk number, internal attributes
            b.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            b.extend_from_slice(&e.offset.to_le_bytes());
            b.extend_from_slice(e.name.as_bytes());
        }
        let size = self.bytes.len() as u32 - start;
        let count = self.entries.len() as u16;
        let b = &mut self.bytes;
        b.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        b.extend_from_slice(&[0; 4]); // disk numbers
        b.extend_from_slice(&count.to_le_bytes());
        b.extend_from_slice(&count.to_le_bytes());
        b.extend_from_slice(&size.to_le_bytes());
        b.extend_from_slice(&start.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.bytes
    }
}

/// CRC-32 (IEEE), as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = [0u32; 256];
        for (i, slot) in table.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        table
    });
    !data.iter().fold(!0u32, |crc, &b| {
        table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn archives_are_deterministic_and_well_formed() {
        let build = || {
            let mut zip = ZipWriter::default();
            zip.add("a.txt", &b"hello hello hello hello hello"[..]);
            zip.add("b/c.xml", b"<x/>");
            zip.finish()
        };
        let (one, two) = (build(), build());
        assert_eq!(one, two);
        assert_eq!(&one[..4], b"PK\x03\x04");
        let end = &one[one.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
    }
}
