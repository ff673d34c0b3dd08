//! Pixel size of the images OOXML documents embed, read from their headers.

/// Image pixel size from PNG, JPEG or GIF headers, with its extension and content type
/// (`(width, height, "png", "image/png")`); `None` for anything else or a truncated header.
#[must_use]
pub fn image_info(b: &[u8]) -> Option<(u32, u32, &'static str, &'static str)> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.len() >= 24 {
        let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
        let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
        return Some((w, h, "png", "image/png"));
    }
    if b.starts_with(b"GIF8") && b.len() >= 10 {
        return Some((
            u32::from(u16::from_le_bytes([b[6], b[7]])),
            u32::from(u16::from_le_bytes([b[8], b[9]])),
            "gif",
            "image/gif",
        ));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                let h = u32::from(u16::from_be_bytes([b[i + 5], b[i + 6]]));
                let w = u32::from(u16::from_be_bytes([b[i + 7], b[i + 8]]));
                return Some((w, h, "jpeg", "image/jpeg"));
            }
            i += 2 + len;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::image_info;

    #[test]
    fn png_gif_jpeg_headers_and_garbage() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&[0, 0, 1, 44, 0, 0, 0, 200]);
        assert_eq!(image_info(&png), Some((300, 200, "png", "image/png")));
        assert_eq!(
            image_info(b"GIF89a\x10\0\x08\0"),
            Some((16, 8, "gif", "image/gif"))
        );
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 48, 0, 64, 3, 0, 0, 0, 0,
        ];
        assert_eq!(image_info(&jpeg), Some((64, 48, "jpeg", "image/jpeg")));
        assert_eq!(image_info(b"\x89PNG"), None);
        assert_eq!(
            image_info(&[0xFF, 0xD8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0]),
            None
        );
    }
}
