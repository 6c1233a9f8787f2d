//! `checkpoint-kiosk package-files --out DIR`: the man pages and shell completions, generated from
//! the command-line definition itself so they never drift from it. `.ci/package` runs it before
//! `cargo deb`, which picks the files up from `target/packaging/` (see Cargo.toml).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::CommandFactory as _;
use clap_complete::Shell;

use super::Cli;

const BINARY: &str = "checkpoint-kiosk";

#[derive(Debug, Clone, clap::Args)]
pub struct PackageFilesArgs {
    /// Folder to write man/ and completions/ into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(args: &PackageFilesArgs) -> anyhow::Result<()> {
    let written = write_package_files(&args.out)?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
}

/// Writes `man/checkpoint-kiosk.1`, one `checkpoint-kiosk-SUB.1` per subcommand, the bash,
/// zsh and fish completions and the icons (SVG and PNG, drawn from one design in
/// [`ICON_MODULES`]); returns the files written.
pub fn write_package_files(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let man_dir = out.join("man");
    let completion_dir = out.join("completions");
    for dir in [&man_dir, &completion_dir] {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut written = Vec::new();
    // Building the command names each subcommand `checkpoint-kiosk-SUB` (its display name),
    // which is the man page's title and file name.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    written.push(write_man_page(&man_dir, command.clone())?);
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        written.push(write_man_page(&man_dir, sub.clone())?);
    }
    for (shell, file_name) in [
        (Shell::Bash, BINARY.to_owned()),
        (Shell::Zsh, format!("_{BINARY}")),
        (Shell::Fish, format!("{BINARY}.fish")),
    ] {
        let path = completion_dir.join(file_name);
        let mut bytes = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), BINARY, &mut bytes);
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    written.extend(write_icons(&out.join("icons/hicolor"))?);
    Ok(written)
}

/// The icon: a white QR-like mark (three finder patterns and a few modules) on a green rounded
/// square, the colour of a pass. One row per line, `#` a white module.
const ICON_MODULES: [&str; 9] = [
    "###.#.###",
    "#.#...#.#",
    "###.#.###",
    "....#....",
    "#.###.#.#",
    ".........",
    "###.#.#.#",
    "#.#..#.#.",
    "###.#.##.",
];
const ICON_GREEN: [u8; 3] = [0x16, 0xa3, 0x4a];
/// Sizes of the PNG icons (desktops without SVG support, e.g. some UKUI panels).
const ICON_SIZES: [u32; 3] = [48, 128, 256];

fn write_icons(hicolor: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let scalable = hicolor.join("scalable/apps");
    fs::create_dir_all(&scalable)
        .with_context(|| format!("cannot create {}", scalable.display()))?;
    let svg_path = scalable.join(format!("{BINARY}.svg"));
    fs::write(&svg_path, icon_svg())
        .with_context(|| format!("cannot write {}", svg_path.display()))?;
    written.push(svg_path);
    for size in ICON_SIZES {
        let dir = hicolor.join(format!("{size}x{size}/apps"));
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(format!("{BINARY}.png"));
        icon_image(size)
            .save(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Icon geometry in a 0..100 box: the rounded square, then the module grid inside it.
const ICON_CORNER: f32 = 18.0;
const ICON_MARGIN: f32 = 18.0;

fn module_size() -> f32 {
    (100.0 - 2.0 * ICON_MARGIN) / ICON_MODULES.len() as f32
}

fn icon_svg() -> String {
    let [r, g, b] = ICON_GREEN;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\" width=\"256\" height=\"256\">\n\
         <rect x=\"2\" y=\"2\" width=\"96\" height=\"96\" rx=\"{ICON_CORNER}\" fill=\"#{r:02x}{g:02x}{b:02x}\"/>\n"
    );
    let module = module_size();
    for (row, line) in ICON_MODULES.iter().enumerate() {
        for (column, cell) in line.chars().enumerate() {
            if cell == '#' {
                let x = ICON_MARGIN + column as f32 * module;
                let y = ICON_MARGIN + row as f32 * module;
                svg.push_str(&format!(
                    "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{module:.2}\" height=\"{module:.2}\" fill=\"#fff\"/>\n"
                ));
            }
        }
    }
    svg.push_str("</svg>\n");
    svg
}

fn icon_image(size: u32) -> image::RgbaImage {
    let scale = size as f32 / 100.0;
    let module = module_size();
    image::RgbaImage::from_fn(size, size, |x, y| {
        // The pixel's centre in the 0..100 design box.
        let (u, v) = ((x as f32 + 0.5) / scale, (y as f32 + 0.5) / scale);
        if !inside_rounded_square(u, v) {
            return image::Rgba([0, 0, 0, 0]);
        }
        let column = ((u - ICON_MARGIN) / module).floor();
        let row = ((v - ICON_MARGIN) / module).floor();
        let white = column >= 0.0
            && row >= 0.0
            && ICON_MODULES
                .get(row as usize)
                .and_then(|line| line.as_bytes().get(column as usize))
                == Some(&b'#');
        let [r, g, b] = if white { [255, 255, 255] } else { ICON_GREEN };
        image::Rgba([r, g, b, 255])
    })
}

fn inside_rounded_square(u: f32, v: f32) -> bool {
    let (low, high) = (2.0, 98.0);
    if !(low..high).contains(&u) || !(low..high).contains(&v) {
        return false;
    }
    // Distance from the nearest corner circle's centre, when in a corner region.
    let cx = u.clamp(low + ICON_CORNER, high - ICON_CORNER);
    let cy = v.clamp(low + ICON_CORNER, high - ICON_CORNER);
    (u - cx).powi(2) + (v - cy).powi(2) <= ICON_CORNER.powi(2)
}

fn write_man_page(dir: &Path, command: clap::Command) -> anyhow::Result<PathBuf> {
    let page = clap_mangen::Man::new(command);
    let path = dir.join(page.get_filename());
    let mut bytes = Vec::new();
    page.render(&mut bytes)
        .with_context(|| format!("cannot render the man page {}", path.display()))?;
    fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn man_pages_and_completions_name_the_doctor_command() {
        let dir = tempfile::tempdir().expect("temp dir");
        let written = write_package_files(dir.path()).expect("write");
        let main_page =
            fs::read_to_string(dir.path().join("man/checkpoint-kiosk.1")).expect("man page");
        assert!(main_page.contains(".TH checkpoint-kiosk 1"));
        assert!(main_page.contains("doctor"));
        assert!(
            written
                .iter()
                .any(|path| path.ends_with("man/checkpoint-kiosk-doctor.1"))
        );
        let bash = fs::read_to_string(dir.path().join("completions/checkpoint-kiosk"))
            .expect("bash completion");
        assert!(bash.contains("doctor"));
        assert!(bash.contains("complete -F _checkpoint__kiosk"), "{bash}");
        assert!(
            !written
                .iter()
                .any(|path| path.ends_with("man/checkpoint-kiosk-package-files.1")),
            "the packaging helper has no man page"
        );
    }

    #[test]
    fn the_png_icon_is_green_with_white_modules_and_transparent_corners() {
        let icon = icon_image(256);
        assert_eq!(
            icon.get_pixel(0, 0).0[3],
            0,
            "rounded corner is transparent"
        );
        assert_eq!(icon.get_pixel(128, 250).0, [0x16, 0xa3, 0x4a, 255]);
        // The top-left finder pattern's first module.
        let first = (ICON_MARGIN + module_size() / 2.0) * 2.56;
        assert_eq!(
            icon.get_pixel(first as u32, first as u32).0,
            [255, 255, 255, 255]
        );
        assert!(icon_svg().starts_with("<svg"));
    }
}
