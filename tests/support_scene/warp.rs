//! Places the phone texture in the frame with rotation, scale and perspective (a homography from
//! texture pixels to frame pixels), sampling the texture bilinearly.

use image::{Rgb, RgbImage};
use rand::Rng;
use rand::rngs::StdRng;

use super::Difficulty;

/// 3x3 projective map, row-major.
#[derive(Debug, Clone, Copy)]
struct Homography([f64; 9]);

impl Homography {
    /// Maps the unit square's corners (0,0) (1,0) (1,1) (0,1) onto `quad`.
    fn unit_square_to(quad: [[f64; 2]; 4]) -> Self {
        let [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = quad;
        let (dx3, dy3) = (x0 - x1 + x2 - x3, y0 - y1 + y2 - y3);
        let (dx1, dy1, dx2, dy2) = (x1 - x2, y1 - y2, x3 - x2, y3 - y2);
        let den = dx1 * dy2 - dx2 * dy1;
        let g = (dx3 * dy2 - dx2 * dy3) / den;
        let h = (dx1 * dy3 - dx3 * dy1) / den;
        Self([
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
            1.0,
        ])
    }

    fn then_scale_input(self, sx: f64, sy: f64) -> Self {
        let m = self.0;
        Self([
            m[0] / sx,
            m[1] / sy,
            m[2],
            m[3] / sx,
            m[4] / sy,
            m[5],
            m[6] / sx,
            m[7] / sy,
            m[8],
        ])
    }

    fn apply(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let m = self.0;
        let w = m[6] * x + m[7] * y + m[8];
        [
            (m[0] * x + m[1] * y + m[2]) / w,
            (m[3] * x + m[4] * y + m[5]) / w,
        ]
    }

    fn inverse(&self) -> Self {
        let [a, b, c, d, e, f, g, h, i] = self.0;
        let det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        Self([
            (e * i - f * h) / det,
            (c * h - b * i) / det,
            (b * f - c * e) / det,
            (f * g - d * i) / det,
            (a * i - c * g) / det,
            (c * d - a * f) / det,
            (d * h - e * g) / det,
            (b * g - a * h) / det,
            (a * e - b * d) / det,
        ])
    }
}

/// Draws `texture` into `frame` so that the code box spans about `code_frame_px` pixels, fully in
/// view; returns the code's corners in the frame.
pub fn place_phone(
    frame: &mut RgbImage,
    texture: &RgbImage,
    code_box: [u32; 4],
    code_frame_px: f32,
    difficulty: &Difficulty,
    rng: &mut StdRng,
) -> [[f32; 2]; 4] {
    let angle = rng.gen_range(-difficulty.max_rotation_degrees..=difficulty.max_rotation_degrees);
    place_phone_rotated(
        frame,
        texture,
        code_box,
        code_frame_px,
        angle,
        difficulty.max_perspective,
        rng,
    )
}

/// As [`place_phone`], turned by exactly `angle_degrees`.
pub fn place_phone_rotated(
    frame: &mut RgbImage,
    texture: &RgbImage,
    code_box: [u32; 4],
    code_frame_px: f32,
    angle_degrees: f32,
    max_perspective: f32,
    rng: &mut StdRng,
) -> [[f32; 2]; 4] {
    let scale = f64::from(code_frame_px) / f64::from(code_box[2] - code_box[0]);
    let angle = f64::from(angle_degrees).to_radians();
    let code_centre_tex = [
        f64::from(code_box[0] + code_box[2]) / 2.0,
        f64::from(code_box[1] + code_box[3]) / 2.0,
    ];
    let reach = f64::from(code_frame_px) * 0.8;
    let (fw, fh) = (f64::from(frame.width()), f64::from(frame.height()));
    let centre = [
        rng.gen_range(reach..(fw - reach).max(reach + 1.0)),
        rng.gen_range(reach..(fh - reach).max(reach + 1.0)),
    ];
    let similarity = |[x, y]: [f64; 2]| {
        let (dx, dy) = (
            (x - code_centre_tex[0]) * scale,
            (y - code_centre_tex[1]) * scale,
        );
        [
            centre[0] + dx * angle.cos() - dy * angle.sin(),
            centre[1] + dx * angle.sin() + dy * angle.cos(),
        ]
    };
    let (tw, th) = (f64::from(texture.width()), f64::from(texture.height()));
    let jitter = f64::from(max_perspective) * tw * scale;
    let phone_quad = [[0.0, 0.0], [tw, 0.0], [tw, th], [0.0, th]].map(|corner| {
        let [x, y] = similarity(corner);
        [
            x + rng.gen_range(-jitter..=jitter),
            y + rng.gen_range(-jitter..=jitter),
        ]
    });
    let to_frame = Homography::unit_square_to(phone_quad).then_scale_input(tw, th);
    draw(frame, texture, &to_frame, phone_quad);
    let [left, top, right, bottom] = code_box.map(f64::from);
    [[left, top], [right, top], [right, bottom], [left, bottom]].map(|corner| {
        let [x, y] = to_frame.apply(corner);
        [x as f32, y as f32]
    })
}

fn draw(frame: &mut RgbImage, texture: &RgbImage, to_frame: &Homography, quad: [[f64; 2]; 4]) {
    let to_texture = to_frame.inverse();
    let min_x = quad.iter().map(|p| p[0]).fold(f64::MAX, f64::min).max(0.0) as u32;
    let max_x = quad
        .iter()
        .map(|p| p[0])
        .fold(f64::MIN, f64::max)
        .min(f64::from(frame.width())) as u32;
    let min_y = quad.iter().map(|p| p[1]).fold(f64::MAX, f64::min).max(0.0) as u32;
    let max_y = quad
        .iter()
        .map(|p| p[1])
        .fold(f64::MIN, f64::max)
        .min(f64::from(frame.height())) as u32;
    let (tw, th) = (f64::from(texture.width()), f64::from(texture.height()));
    for y in min_y..max_y {
        for x in min_x..max_x {
            let [u, v] = to_texture.apply([f64::from(x) + 0.5, f64::from(y) + 0.5]);
            if u >= 0.0 && v >= 0.0 && u < tw && v < th {
                frame.put_pixel(x, y, bilinear(texture, u - 0.5, v - 0.5));
            }
        }
    }
}

fn bilinear(texture: &RgbImage, u: f64, v: f64) -> Rgb<u8> {
    let (max_x, max_y) = (
        f64::from(texture.width() - 1),
        f64::from(texture.height() - 1),
    );
    let (u, v) = (u.clamp(0.0, max_x), v.clamp(0.0, max_y));
    let (x0, y0) = (u.floor(), v.floor());
    let (x1, y1) = ((x0 + 1.0).min(max_x), (y0 + 1.0).min(max_y));
    let (fx, fy) = (u - x0, v - y0);
    let at = |x: f64, y: f64| texture.get_pixel(x as u32, y as u32).0.map(f64::from);
    let (a, b, c, d) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
    Rgb([0, 1, 2].map(|i| {
        let top = a[i] * (1.0 - fx) + b[i] * fx;
        let bottom = c[i] * (1.0 - fx) + d[i] * fx;
        (top * (1.0 - fy) + bottom * fy).round() as u8
    }))
}
