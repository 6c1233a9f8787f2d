//! Busy backgrounds: a lit wall gradient with boxes and discs of random colours, some of them
//! saturated green (plants, signs, vests) so that a colour reader sampling outside the code fails.

use image::{Rgb, RgbImage};
use rand::Rng;
use rand::rngs::StdRng;

const GREEN_THINGS: [[u8; 3]; 4] = [[30, 160, 60], [0, 128, 64], [60, 179, 113], [20, 200, 80]];

pub fn background(width: u32, height: u32, rng: &mut StdRng) -> RgbImage {
    let top: [f32; 3] = [0, 1, 2].map(|_| rng.gen_range(60.0..200.0));
    let bottom: [f32; 3] = [0, 1, 2].map(|_| rng.gen_range(30.0..170.0));
    let mut image = RgbImage::new(width, height);
    for y in 0..height {
        let t = y as f32 / height as f32;
        let colour = Rgb([0, 1, 2].map(|c| (top[c] * (1.0 - t) + bottom[c] * t) as u8));
        super::fill(&mut image, [0, y, width, y + 1], colour);
    }
    for index in 0..28 {
        let colour = if index % 5 == 0 {
            GREEN_THINGS[rng.gen_range(0..GREEN_THINGS.len())]
        } else {
            [0, 1, 2].map(|_| rng.gen_range(0..=255u8))
        };
        let size = rng.gen_range(height / 20..height / 4).max(2);
        let cx = rng.gen_range(0..width);
        let cy = rng.gen_range(0..height);
        if rng.gen_bool(0.5) {
            let aspect = rng.gen_range(0.3..3.0f32);
            let half_w = (size as f32 * aspect) as u32 / 2 + 1;
            let left = cx.saturating_sub(half_w);
            let top_edge = cy.saturating_sub(size / 2);
            super::fill(
                &mut image,
                [left, top_edge, cx + half_w, cy + size / 2],
                Rgb(colour),
            );
        } else {
            disc(&mut image, cx, cy, size / 2, Rgb(colour));
        }
    }
    image
}

fn disc(image: &mut RgbImage, cx: u32, cy: u32, radius: u32, colour: Rgb<u8>) {
    let r2 = i64::from(radius) * i64::from(radius);
    for y in cy.saturating_sub(radius)..(cy + radius).min(image.height()) {
        for x in cx.saturating_sub(radius)..(cx + radius).min(image.width()) {
            let (dx, dy) = (i64::from(x) - i64::from(cx), i64::from(y) - i64::from(cy));
            if dx * dx + dy * dy <= r2 {
                image.put_pixel(x, y, colour);
            }
        }
    }
}
