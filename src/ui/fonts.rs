//! Fonts that can draw Chinese: egui ships no CJK glyphs.
//!
//! The bundled Noto Sans SC subset (GB2312 plus common extras, about 8,100 characters, SIL OFL)
//! always renders the UI. Rarer characters people have in their names (𠮷 …) are not in it, so a
//! full system CJK font is added behind it when one is found; without one those characters show
//! as boxes, and the log says so.

use std::path::Path;
use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const BUNDLED_NAME: &str = "noto-sans-sc-gb2312";
const BUNDLED_FONT: &[u8] = crate::assets::CJK_FONT;

/// Full CJK fonts commonly installed, with the face index of their Simplified Chinese face.
const SYSTEM_CJK_FONTS: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
];

/// Which fonts were installed, for the log and the About line in Settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontReport {
    pub system_fallback: Option<String>,
}

/// Font definitions with the default Latin fonts first, then the bundled CJK subset, then a
/// system CJK font if one is present.
pub fn cjk_font_definitions() -> (FontDefinitions, FontReport) {
    let mut fonts = FontDefinitions::default();
    add_fallback(
        &mut fonts,
        BUNDLED_NAME,
        FontData::from_static(BUNDLED_FONT),
    );
    let system_fallback = SYSTEM_CJK_FONTS
        .iter()
        .find_map(|(path, index)| read_font(Path::new(path), *index));
    let report = FontReport {
        system_fallback: system_fallback.as_ref().map(|(path, _)| path.clone()),
    };
    if let Some((path, data)) = system_fallback {
        add_fallback(&mut fonts, &path, data);
    }
    (fonts, report)
}

/// Installs the CJK fonts into `ctx`.
pub fn install(ctx: &egui::Context) -> FontReport {
    let (fonts, report) = cjk_font_definitions();
    ctx.set_fonts(fonts);
    report
}

fn read_font(path: &Path, index: u32) -> Option<(String, FontData)> {
    let bytes = std::fs::read(path).ok()?;
    let mut data = FontData::from_owned(bytes);
    data.index = index;
    Some((path.display().to_string(), data))
}

fn add_fallback(fonts: &mut FontDefinitions, name: &str, data: FontData) {
    fonts.font_data.insert(name.to_owned(), Arc::new(data));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(name.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_is_a_real_opentype_file() {
        // "OTTO" marks CFF-flavoured OpenType; a truncated or LFS-pointer file would not.
        assert_eq!(&BUNDLED_FONT[..4], b"OTTO");
        assert!(BUNDLED_FONT.len() > 1_000_000);
    }

    #[test]
    fn cjk_fonts_back_up_both_families() {
        let (fonts, _) = cjk_font_definitions();
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let names = &fonts.families[&family];
            assert!(names.iter().any(|name| name == BUNDLED_NAME));
        }
    }
}
