//! Every picture a person may hand over opens: PNG, JPEG, WebP, BMP, GIF (first frame), TIFF,
//! transparent screenshots; HEIC gets a message naming it; a huge picture is shrunk while read,
//! not decoded whole.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use image::{DynamicImage, ImageFormat, Luma, Rgba, RgbaImage};
use qrcode::QrCode;
use serde_json::Value;

const PAYLOAD: &str = "https://jkm.demo.checkpoint-kiosk.invalid/v?t=FORMATS2345";

fn scan_json(folder: &Path, files: &[PathBuf]) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(folder)
        .args(["scan", "--json"])
        .args(files)
        .output()
        .expect("the binary runs");
    lines_of(&output)
}

fn lines_of(output: &Output) -> Vec<Value> {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

fn code_picture() -> DynamicImage {
    let code = QrCode::new(PAYLOAD).expect("fits");
    let grey = code.render::<Luma<u8>>().module_dimensions(6, 6).build();
    DynamicImage::ImageLuma8(grey)
}

#[test]
fn png_jpeg_webp_bmp_gif_and_tiff_pictures_all_read_back() {
    let folder = tempfile::tempdir().expect("temp dir");
    let picture = DynamicImage::ImageRgb8(code_picture().to_rgb8());
    let formats = [
        ("png", ImageFormat::Png),
        ("jpg", ImageFormat::Jpeg),
        ("webp", ImageFormat::WebP),
        ("bmp", ImageFormat::Bmp),
        ("gif", ImageFormat::Gif),
        ("tiff", ImageFormat::Tiff),
    ];
    let files: Vec<PathBuf> = formats
        .iter()
        .map(|(extension, format)| {
            // No extension that gives the format away: the content decides.
            let path = folder.path().join(format!("shared-by-chat-{extension}"));
            picture.save_with_format(&path, *format).expect("encoded");
            path
        })
        .collect();
    let lines = scan_json(folder.path(), &files);
    for ((extension, _), line) in formats.iter().zip(&lines) {
        assert_eq!(line["codes"][0]["text"], PAYLOAD, "{extension}: {line}");
    }
}

#[test]
fn a_code_on_a_transparent_background_reads_as_on_white() {
    let folder = tempfile::tempdir().expect("temp dir");
    let grey = code_picture().to_luma8();
    // Dark modules opaque black, light ones fully transparent (stored as transparent black).
    let rgba = RgbaImage::from_fn(grey.width(), grey.height(), |x, y| {
        if grey.get_pixel(x, y).0[0] < 128 {
            Rgba([0, 0, 0, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let path = folder.path().join("transparent.png");
    rgba.save(&path).expect("encoded");
    let lines = scan_json(folder.path(), &[path]);
    assert_eq!(lines[0]["codes"][0]["text"], PAYLOAD, "{}", lines[0]);
}

#[test]
fn a_heic_photo_is_refused_with_a_message_naming_heic_and_what_to_do() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("IMG_0042.HEIC");
    let mut bytes = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    bytes.extend([0u8; 64]);
    std::fs::write(&path, bytes).expect("written");
    let lines = scan_json(folder.path(), &[path]);
    let error = lines[0]["error"].as_str().expect("an error line");
    assert!(error.contains("HEIC") && error.contains("JPEG"), "{error}");
}

/// A 1-bit PNG `side` pixels square holding a QR code of `module` px modules, written row by
/// row (the picture itself would not fit in a test's memory as pixels).
fn write_huge_one_bit_png(path: &Path, side: u32, module: u32) {
    let code = QrCode::new(PAYLOAD).expect("fits");
    let modules = code.width() as u32;
    let colours = code.to_colors();
    let origin = (side - modules * module) / 2;
    let file = std::fs::File::create(path).expect("created");
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder
        .write_header()
        .expect("header")
        .into_stream_writer()
        .expect("stream");
    let mut row = vec![0u8; side.div_ceil(8) as usize];
    for y in 0..side {
        row.fill(0xff);
        let module_y = y.checked_sub(origin).map(|dy| dy / module);
        if let Some(my) = module_y.filter(|my| *my < modules) {
            for mx in 0..modules {
                if colours[(my * modules + mx) as usize] == qrcode::Color::Dark {
                    for x in origin + mx * module..origin + (mx + 1) * module {
                        row[(x / 8) as usize] &= !(0x80 >> (x % 8));
                    }
                }
            }
        }
        writer.write_all(&row).expect("row");
    }
    writer.finish().expect("finished");
}

#[test]
fn regression_scan_of_a_20000_px_one_bit_png_is_shrunk_while_read_within_a_memory_cap() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("huge.png");
    write_huge_one_bit_png(&path, 20_000, 500);
    // Decoded whole, this picture took 5.5 GB: under a 1.5 GB address-space cap that dies.
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1500000 && exec \"$0\" --data-dir \"$1\" scan --json \"$2\"")
        .arg(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg(folder.path())
        .arg(&path)
        .output()
        .expect("the binary runs");
    let lines = lines_of(&output);
    assert_eq!(lines[0]["codes"][0]["text"], PAYLOAD, "{}", lines[0]);
    let corner_x = lines[0]["codes"][0]["corners"][0][0]
        .as_f64()
        .expect("corner");
    assert!(
        corner_x < 4096.0,
        "corners are on the shrunk picture: {corner_x}"
    );
}
