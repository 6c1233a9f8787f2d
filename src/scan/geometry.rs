//! Where a code's modules sit in the picture: the perspective map from module coordinates to
//! pixels, and the outer corners recovered from the three finder-pattern centres that rxing
//! reports.

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

/// Outer corners of a code `modules` wide whose three finder-pattern centres are known (they sit
/// 3.5 modules in from the corners). Affine: good enough for drawing and colour sampling.
pub fn corners_from_finders(
    bottom_left: [f32; 2],
    top_left: [f32; 2],
    top_right: [f32; 2],
    modules: u32,
) -> [[f32; 2]; 4] {
    let size = modules as f32;
    let between_centres = (size - 7.0).max(1.0);
    let per_module_across = scaled(sub(top_right, top_left), 1.0 / between_centres);
    let per_module_down = scaled(sub(bottom_left, top_left), 1.0 / between_centres);
    let at = |mx: f32, my: f32| {
        add(
            top_left,
            add(
                scaled(per_module_across, mx - 3.5),
                scaled(per_module_down, my - 3.5),
            ),
        )
    };
    [at(0.0, 0.0), at(size, 0.0), at(size, size), at(0.0, size)]
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

    #[test]
    fn finder_centres_sit_three_and_a_half_modules_inside_the_corners() {
        // A 21-module code drawn 10 px per module from (100, 50).
        let corners = corners_from_finders([135.0, 225.0], [135.0, 85.0], [275.0, 85.0], 21);
        assert_eq!(
            corners,
            [[100.0, 50.0], [310.0, 50.0], [310.0, 260.0], [100.0, 260.0]]
        );
    }
}
