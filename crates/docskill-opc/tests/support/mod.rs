//! Builds zip archives byte by byte, including the hostile ones our own writer refuses to make.
#![allow(
    dead_code,
    missing_docs,
    reason = "each test file uses a different subset"
)]
#![expect(
    clippy::cast_possible_truncation,
    reason = "header fields are written at their zip widths on purpose, including lying ones"
)]

use std::io::Write;

pub struct Raw {
    pub name: Vec<u8>,
    pub method: u16,
    pub crc: u32,
    pub compressed: Vec<u8>,
    pub declared_size: u64,
}

impl Raw {
    /// A deflated entry with honest headers.
    pub fn deflated(name: &str, data: &[u8]) -> Self {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        Self {
            name: name.as_bytes().to_vec(),
            method: 8,
            crc: crc32fast::hash(data),
            compressed: e.finish().unwrap(),
            declared_size: data.len() as u64,
        }
    }
}

fn u16le(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn u32le(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

/// A plain (zip32) archive of `entries`.
pub fn zip(entries: &[Raw]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for e in entries {
        let off = out.len() as u32;
        let usize32 = u32::try_from(e.declared_size).unwrap_or(u32::MAX);
        for (buf, central) in [(&mut out, false), (&mut cd, true)] {
            u32le(buf, if central { 0x0201_4b50 } else { 0x0403_4b50 });
            if central {
                u16le(buf, 20);
            }
            u16le(buf, 20);
            u16le(buf, 0);
            u16le(buf, e.method);
            u32le(buf, 0x0021_0000);
            u32le(buf, e.crc);
            u32le(buf, e.compressed.len() as u32);
            u32le(buf, usize32);
            u16le(buf, e.name.len() as u16);
            u16le(buf, 0);
            if central {
                buf.extend_from_slice(&[0; 10]); // comment, disk, attributes
                u32le(buf, off);
            }
            buf.extend_from_slice(&e.name);
            if !central {
                buf.extend_from_slice(&e.compressed);
            }
        }
    }
    finish(out, &cd, entries.len() as u64, false)
}

fn finish(mut out: Vec<u8>, cd: &[u8], count: u64, zip64: bool) -> Vec<u8> {
    let cd_off = out.len() as u64;
    out.extend_from_slice(cd);
    if zip64 {
        let eocd64 = out.len() as u64;
        u32le(&mut out, 0x0606_4b50);
        out.extend_from_slice(&44u64.to_le_bytes());
        u16le(&mut out, 45);
        u16le(&mut out, 45);
        u32le(&mut out, 0);
        u32le(&mut out, 0);
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&(cd.len() as u64).to_le_bytes());
        out.extend_from_slice(&cd_off.to_le_bytes());
        u32le(&mut out, 0x0706_4b50);
        u32le(&mut out, 0);
        out.extend_from_slice(&eocd64.to_le_bytes());
        u32le(&mut out, 1);
    }
    u32le(&mut out, 0x0605_4b50);
    u32le(&mut out, 0);
    let c16 = if zip64 { 0xFFFF } else { count as u16 };
    u16le(&mut out, c16);
    u16le(&mut out, c16);
    u32le(&mut out, if zip64 { u32::MAX } else { cd.len() as u32 });
    u32le(&mut out, if zip64 { u32::MAX } else { cd_off as u32 });
    u16le(&mut out, 0);
    out
}

/// A ZIP64 archive of `n` empty stored entries named `f/0000001` ...
pub fn flood(n: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(n as usize * 40);
    let mut cd = Vec::with_capacity(n as usize * 56);
    for i in 0..n {
        let name = format!("f/{i:07}");
        let off = out.len() as u32;
        u32le(&mut out, 0x0403_4b50);
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        out.extend_from_slice(&[0; 12]);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        u32le(&mut cd, 0x0201_4b50);
        cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        cd.extend_from_slice(&[0; 12]);
        u16le(&mut cd, name.len() as u16);
        cd.extend_from_slice(&[0; 12]);
        u32le(&mut cd, off);
        cd.extend_from_slice(name.as_bytes());
    }
    finish(out, &cd, n, true)
}

/// A deflate stream of `mib` MiB of zeros, built from one repeated
/// sync-flushed block: cheap to make at any size.
pub fn zeros_deflate(mib: u64) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let zeros = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let chunk = |c: &mut Compress| {
        let mut out = Vec::with_capacity(4096);
        c.compress_vec(&zeros, &mut out, FlushCompress::Sync)
            .unwrap();
        assert_eq!(c.total_in() % (1 << 20), 0, "whole MiB consumed");
        out
    };
    let first = chunk(&mut c);
    let rest = chunk(&mut c);
    let mut s = first;
    for _ in 1..mib {
        s.extend_from_slice(&rest);
    }
    s.extend_from_slice(&[0x03, 0x00]); // final, empty fixed-Huffman block
    s
}

pub const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
