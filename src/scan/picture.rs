//! Opening a picture file someone hands over (a screenshot from a chat app, a phone photo, a scan)
//! as an RGB image the scanner can read, whatever its format and however large.
//!
//! Formats: PNG, JPEG, WebP, BMP, GIF (the first frame) and TIFF. HEIC/HEIF and AVIF (what iPhones
//! save) are recognised and refused with a message that names the format and says how to convert.
//!
//! Size limit: the dimensions are read from the header before any pixel is decoded. A picture of up
//! to [`MAX_DECODED_PIXELS`] (8192 × 8192) opens as it is. A larger PNG (the usual form of a huge
//! screenshot or a hostile file) is shrunk row by row while it is read, to at most
//! [`SHRUNK_LONG_SIDE`] pixels on its longer side, so it costs tens of megabytes, not gigabytes;
//! larger pictures in other formats are refused with their size and what to do. Transparent pixels
//! are put on white, as a viewer shows them (a code drawn on a transparent background would
//! otherwise turn black on black).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbImage};

/// Pictures with more pixels than this (8192 × 8192) are shrunk while reading, or refused.
pub const MAX_DECODED_PIXELS: u64 = 8192 * 8192;
/// The longer side a picture beyond the limit is shrunk to.
pub const SHRUNK_LONG_SIDE: u32 = 4096;
/// Larger files are refused before they are read: a real photo is a few megabytes.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Memory the decoders may allocate for one picture within the pixel limit.
const MAX_DECODER_ALLOCATION: u64 = 1024 * 1024 * 1024;

/// Why a picture could not be opened. Each message says what happened and what to do.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("cannot read {path}: {source}; check the file exists and is readable")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the file is {bytes} bytes, more than the {max} a picture may have; send a smaller photo or a screenshot"
    )]
    FileTooLarge { bytes: u64, max: u64 },
    #[error(
        "this is a {format} picture, which the kiosk cannot open; save it as JPEG or PNG (on an iPhone: Settings > Camera > Formats > Most Compatible) or send a screenshot"
    )]
    UnsupportedFormat { format: &'static str },
    #[error(
        "this file is not a picture the kiosk knows (PNG, JPEG, WebP, BMP, GIF or TIFF); send a screenshot or a photo"
    )]
    UnknownFormat,
    #[error(
        "the picture is {width} × {height} pixels, more than the 8192 × 8192 the kiosk opens in this format; crop the code or save it smaller"
    )]
    TooLarge { width: u32, height: u32 },
    #[error("the picture is damaged or incomplete ({detail}); send it again or take a new photo")]
    Damaged { detail: String },
}

/// Opens the picture file at `path` within the size limits.
pub fn open_picture(path: &Path) -> Result<RgbImage, PictureError> {
    let io_error = |source| PictureError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let bytes = file.metadata().map_err(io_error)?.len();
    if bytes > MAX_FILE_BYTES {
        return Err(PictureError::FileTooLarge {
            bytes,
            max: MAX_FILE_BYTES,
        });
    }
    let mut contents = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut contents)
        .map_err(io_error)?;
    picture_from_bytes(&contents)
}

/// Decodes a picture held in memory within the size limits.
pub fn picture_from_bytes(bytes: &[u8]) -> Result<RgbImage, PictureError> {
    if let Some(format) = unsupported_container(bytes) {
        return Err(PictureError::UnsupportedFormat { format });
    }
    let format = image::guess_format(bytes).map_err(|_| PictureError::UnknownFormat)?;
    let supported = [
        ImageFormat::Png,
        ImageFormat::Jpeg,
        ImageFormat::WebP,
        ImageFormat::Bmp,
        ImageFormat::Gif,
        ImageFormat::Tiff,
    ];
    if !supported.contains(&format) {
        return Err(PictureError::UnsupportedFormat {
            format: format_name(format),
        });
    }
    let (width, height) = reader(bytes, format).into_dimensions().map_err(damaged)?;
    if u64::from(width) * u64::from(height) <= MAX_DECODED_PIXELS {
        let mut reader = reader(bytes, format);
        reader.limits(decoder_limits());
        return reader.decode().map(on_white).map_err(damaged);
    }
    if format == ImageFormat::Png {
        shrunk_png(bytes, shrink_factor(width, height))
    } else {
        Err(PictureError::TooLarge { width, height })
    }
}

fn reader(bytes: &[u8], format: ImageFormat) -> ImageReader<Cursor<&[u8]>> {
    ImageReader::with_format(Cursor::new(bytes), format)
}

fn decoder_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODER_ALLOCATION);
    limits
}

fn damaged(error: image::ImageError) -> PictureError {
    PictureError::Damaged {
        detail: error.to_string(),
    }
}

/// HEIF-family files (HEIC, AVIF) are ISO boxes: `ftyp` at offset 4, then the brand.
fn unsupported_container(bytes: &[u8]) -> Option<&'static str> {
    if bytes.get(4..8) != Some(b"ftyp") {
        return None;
    }
    match bytes.get(8..12)? {
        b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" => Some("HEIC"),
        b"mif1" | b"msf1" => Some("HEIF"),
        b"avif" | b"avis" => Some("AVIF"),
        _ => None,
    }
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Avif => "AVIF",
        ImageFormat::Ico => "ICO",
        ImageFormat::Pnm => "PNM",
        ImageFormat::Tga => "TGA",
        ImageFormat::Dds => "DDS",
        ImageFormat::Hdr => "HDR",
        ImageFormat::OpenExr => "OpenEXR",
        ImageFormat::Farbfeld => "Farbfeld",
        ImageFormat::Qoi => "QOI",
        _ => "unsupported",
    }
}

/// Transparent pixels over white, as an image viewer shows them; opaque pictures as they are.
fn on_white(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.to_rgb8();
    }
    let rgba = picture.to_rgba8();
    let pixels = rgba
        .as_raw()
        .chunks_exact(4)
        .flat_map(|pixel| {
            let alpha = u32::from(pixel[3]);
            [0, 1, 2].map(|channel| blend_over_white(pixel[channel], alpha))
        })
        .collect();
    RgbImage::from_raw(rgba.width(), rgba.height(), pixels).unwrap_or_else(|| RgbImage::new(1, 1))
}

fn blend_over_white(value: u8, alpha: u32) -> u8 {
    let blended = (u32::from(value) * alpha + 255 * (255 - alpha) + 127) / 255;
    u8::try_from(blended).unwrap_or(u8::MAX)
}

/// The integer factor that brings the longer side to at most [`SHRUNK_LONG_SIDE`].
fn shrink_factor(width: u32, height: u32) -> u32 {
    width.max(height).div_ceil(SHRUNK_LONG_SIDE).max(1)
}

/// Reads a PNG one row at a time, averaging `factor` × `factor` blocks, so the whole picture is
/// never in memory.
fn shrunk_png(bytes: &[u8], factor: u32) -> Result<RgbImage, PictureError> {
    let png_damaged = |error: png::DecodingError| PictureError::Damaged {
        detail: error.to_string(),
    };
    // Only a few rows are ever held; the limit covers the decoder's own buffers.
    let limits = png::Limits {
        bytes: 256 * 1024 * 1024,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(png_damaged)?;
    let info = reader.info();
    let (width, height) = (info.width, info.height);
    if info.interlaced {
        // Interlaced rows arrive in seven passes; shrinking them needs the whole picture.
        return Err(PictureError::TooLarge { width, height });
    }
    let (colour, _) = reader.output_color_type();
    let channels = colour.samples();
    let factor = factor.max(1);
    let (out_width, out_height) = ((width / factor).max(1), (height / factor).max(1));
    let out_width_usize = out_width as usize;
    let mut sums = vec![0u32; out_width_usize * 3];
    let mut pixels = Vec::with_capacity(out_width_usize * out_height as usize * 3);
    let mut rows_in_block = 0u32;
    while let Some(row) = reader.next_row().map_err(png_damaged)? {
        if pixels.len() >= out_width_usize * out_height as usize * 3 {
            break;
        }
        add_row(&mut sums, row.data(), channels, factor);
        rows_in_block += 1;
        if rows_in_block == factor {
            let area = factor * factor;
            pixels.extend(sums.iter().map(|sum| (sum / area).min(255) as u8));
            sums.fill(0);
            rows_in_block = 0;
        }
    }
    RgbImage::from_raw(out_width, out_height, pixels).ok_or_else(|| PictureError::Damaged {
        detail: "the picture ends before its last row".to_owned(),
    })
}

/// Adds one decoded 8-bit row (grey, grey+alpha, RGB or RGBA) to the block sums, as RGB on white.
fn add_row(sums: &mut [u32], row: &[u8], channels: usize, factor: u32) {
    let factor = factor as usize;
    for (out_x, sum) in sums.chunks_exact_mut(3).enumerate() {
        let start = out_x * factor * channels;
        let Some(block) = row.get(start..start + factor * channels) else {
            break;
        };
        for pixel in block.chunks_exact(channels) {
            let rgb = rgb_on_white(pixel);
            for (total, value) in sum.iter_mut().zip(rgb) {
                *total += u32::from(value);
            }
        }
    }
}

fn rgb_on_white(pixel: &[u8]) -> [u8; 3] {
    match *pixel {
        [grey] => [grey; 3],
        [grey, alpha] => [blend_over_white(grey, u32::from(alpha)); 3],
        [r, g, b] => [r, g, b],
        [r, g, b, alpha] => [r, g, b].map(|value| blend_over_white(value, u32::from(alpha))),
        _ => [255; 3],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transparent_pixels_become_white_and_opaque_ones_keep_their_colour() {
        assert_eq!(blend_over_white(0, 0), 255);
        assert_eq!(blend_over_white(0, 255), 0);
        assert_eq!(blend_over_white(200, 255), 200);
    }

    #[test]
    fn the_shrink_factor_brings_the_longer_side_under_the_limit() {
        assert_eq!(shrink_factor(20_000, 20_000), 5);
        assert_eq!(shrink_factor(8193, 10), 3);
        assert!(20_000 / shrink_factor(20_000, 300) <= SHRUNK_LONG_SIDE);
    }

    #[test]
    fn heic_and_avif_files_are_named_by_their_brand() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(unsupported_container(heic), Some("HEIC"));
        assert_eq!(unsupported_container(b"\0\0\0\x18ftypavif"), Some("AVIF"));
        assert_eq!(unsupported_container(b"\x89PNG\r\n\x1a\n...."), None);
    }
}
