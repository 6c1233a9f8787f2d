//! Where a code's modules sit in the picture: the perspective map from module coordinates to
//! pixels, and the outer corners recovered from the three finder-pattern centres that rxing
//! reports.

use image::GrayImage;

/// Perspective map from the unit square onto a quadrilateral (Heckbert's square-to-quad).
#[derive(Debug, Clone, Copy)]
pub struct SquareToQuad {
    coefficients: [f32; 8],
}

impl SquareToQuad {
    /// `corners` in the order top-left, top-right, bottom-right, bottom-left.
    pub fn new(corners: [[f32; 2]; 4]) -> Self {
        let [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = corners;
        let (dx3, dy3) = (x0 - x1 + x2 - x3, y0 - y1 + y2 - y3);
        let (dx1, dy1, dx2, dy2) = (x1 - x2, y1 - y2, x3 - x2, y3 - y2);
        let denominator = dx1 * dy2 - dx2 * dy1;
        let (g, h) = if denominator.abs() < f32::EPSILON {
            (0.0, 0.0)
        } else {
            (
                (dx3 * dy2 - dx2 * dy3) / denominator,
                (dx1 * dy3 - dx3 * dy1) / denominator,
            )
        };
        let coefficients = [
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
        ];
        Self { coefficients }
    }

    /// Maps (u, v) in 0..1 to a pixel position.
    pub fn map(&self, u: f32, v: f32) -> [f32; 2] {
        let [a, b, c, d, e, f, g, h] = self.coefficients;
        let w = (g * u + h * v + 1.0).max(1e-6);
        [(a * u + b * v + c) / w, (d * u + e * v + f) / w]
    }
}

/// Outer corners of a code whose finder centres are known, measured on `plane` (the luminance the
/// decoder saw). Returns the corners and the side length in modules.
pub fn corners_from_finders(
    plane: &GrayImage,
    bottom_left: [f32; 2],
    top_left: [f32; 2],
    top_right: [f32; 2],
) -> Option<([[f32; 2]; 4], u32)> {
    let across = sub(top_right, top_left);
    let down = sub(bottom_left, top_left);
    let module_sizes: Vec<f32> = [scaled(across, -1.0), scaled(down, -1.0)]
        .into_iter()
        .filter_map(|away| finder_module_size(plane, top_left, away))
        .collect();
    if module_sizes.is_empty() {
        return None;
    }
    let module = module_sizes.iter().sum::<f32>() / module_sizes.len() as f32;
    let centre_distance = (length(across) + length(down)) / 2.0;
    let version = ((centre_distance / module + 7.0 - 17.0) / 4.0)
        .round()
        .clamp(1.0, 40.0);
    let modules = 17.0 + 4.0 * version;
    let per_module_across = scaled(across, 1.0 / (modules - 7.0));
    let per_module_down = scaled(down, 1.0 / (modules - 7.0));
    let at = |mx: f32, my: f32| {
        add(
            top_left,
            add(
                scaled(per_module_across, mx - 3.5),
                scaled(per_module_down, my - 3.5),
            ),
        )
    };
    let corners = [
        at(0.0, 0.0),
        at(modules, 0.0),
        at(modules, modules),
        at(0.0, modules),
    ];
    Some((corners, modules as u32))
}

/// Walks from a finder centre outwards (`away` points away from the rest of the code) and reads
/// the 1:1:3:1:1 rings: edges at 1.5, 2.5 and 3.5 modules from the centre.
fn finder_module_size(plane: &GrayImage, centre: [f32; 2], away: [f32; 2]) -> Option<f32> {
    let direction = scaled(away, 1.0 / length(away).max(1e-6));
    let max_steps = (length(away) as usize).clamp(8, 400) * 2;
    let samples: Vec<u8> = (0..max_steps)
        .map_while(|step| sample(plane, add(centre, scaled(direction, step as f32 * 0.5))))
        .collect();
    let darkest = *samples.iter().take(4).min()?;
    let lightest = *samples.iter().max()?;
    if lightest <= darkest.saturating_add(20) {
        return None;
    }
    let threshold = (u16::from(darkest) + u16::from(lightest)) / 2;
    let mut edges = Vec::with_capacity(3);
    let mut dark = true;
    for (step, value) in samples.iter().enumerate() {
        let is_dark = u16::from(*value) < threshold;
        if is_dark != dark {
            edges.push(step as f32 * 0.5);
            dark = is_dark;
            if edges.len() == 3 {
                break;
            }
        }
    }
    let [first, second, third] = edges.as_slice() else {
        return None;
    };
    Some((first + second + third) / (1.5 + 2.5 + 3.5))
}

fn sample(plane: &GrayImage, point: [f32; 2]) -> Option<u8> {
    let (x, y) = (point[0].round(), point[1].round());
    if x < 0.0 || y < 0.0 || x >= plane.width() as f32 || y >= plane.height() as f32 {
        return None;
    }
    Some(plane.get_pixel(x as u32, y as u32).0[0])
}

fn sub(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    [a[0] - b[0], a[1] - b[1]]
}

fn add(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    [a[0] + b[0], a[1] + b[1]]
}

fn scaled(a: [f32; 2], factor: f32) -> [f32; 2] {
    [a[0] * factor, a[1] * factor]
}

fn length(a: [f32; 2]) -> f32 {
    a[0].hypot(a[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_to_quad_hits_every_corner() {
        let corners = [[10.0, 20.0], [110.0, 30.0], [120.0, 140.0], [5.0, 120.0]];
        let map = SquareToQuad::new(corners);
        for (unit, expected) in [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
            .iter()
            .zip(corners)
        {
            let got = map.map(unit[0], unit[1]);
            assert!((got[0] - expected[0]).abs() < 1e-3 && (got[1] - expected[1]).abs() < 1e-3);
        }
    }
}
