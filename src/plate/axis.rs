//! Regions of a grid and their boxes along the principal axis: the text detector's regions and the
//! colour localiser's patches are both turned into plates' boxes this way.

/// A region's mean, its principal axis (`u`, unit length) and the normal (`v`), and its extent
/// along each, every pixel counted as a unit square.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct AxisBox {
    pub mean: [f32; 2],
    pub angle: f32,
    pub u: [f32; 2],
    pub v: [f32; 2],
    /// `u0, u1, v0, v1`: from the mean along `u` and along `v`.
    pub extent: [f32; 4],
}

impl AxisBox {
    /// `None` for no pixels.
    pub fn of(pixels: &[(f32, f32)]) -> Option<Self> {
        if pixels.is_empty() {
            return None;
        }
        let n = pixels.len() as f32;
        let (sx, sy) = pixels
            .iter()
            .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
        let (mx, my) = (sx / n, sy / n);
        let (mut sxx, mut syy, mut sxy) = (0.0f32, 0.0f32, 0.0f32);
        for (x, y) in pixels {
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
            sxy += (x - mx) * (y - my);
        }
        let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
        let (ux, uy) = (angle.cos(), angle.sin());
        let (vx, vy) = (-uy, ux);
        let (mut u0, mut u1, mut v0, mut v1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for (x, y) in pixels {
            let u = (x - mx) * ux + (y - my) * uy;
            let v = (x - mx) * vx + (y - my) * vy;
            u0 = u0.min(u - 0.5);
            u1 = u1.max(u + 0.5);
            v0 = v0.min(v - 0.5);
            v1 = v1.max(v + 0.5);
        }
        Some(Self {
            mean: [mx, my],
            angle,
            u: [ux, uy],
            v: [vx, vy],
            extent: [u0, u1, v0, v1],
        })
    }

    /// Length along the axis and thickness across it.
    pub fn size(&self) -> (f32, f32) {
        let [u0, u1, v0, v1] = self.extent;
        (u1 - u0, v1 - v0)
    }
}

/// Grows the 4-connected region of the `width` × `height` grid from `start` over the cells that
/// `belongs` accepts, marking them in `seen` and handing each one's index to `visit`. `stack`
/// is scratch kept by the caller across regions.
pub(super) fn grow_region(
    start: usize,
    (width, height): (usize, usize),
    seen: &mut [bool],
    stack: &mut Vec<usize>,
    belongs: impl Fn(usize) -> bool,
    mut visit: impl FnMut(usize),
) {
    seen[start] = true;
    stack.push(start);
    while let Some(at) = stack.pop() {
        visit(at);
        let (x, y) = (at % width, at / width);
        let neighbours = [
            (x > 0).then(|| at - 1),
            (x + 1 < width).then(|| at + 1),
            (y > 0).then(|| at - width),
            (y + 1 < height).then(|| at + width),
        ];
        for next in neighbours.into_iter().flatten() {
            if !seen[next] && belongs(next) {
                seen[next] = true;
                stack.push(next);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_bar_is_long_along_x() {
        let pixels: Vec<(f32, f32)> = (0..20)
            .flat_map(|x| (0..4).map(move |y| (x as f32, y as f32)))
            .collect();
        let found = AxisBox::of(&pixels).expect("pixels");
        assert!(found.angle.abs() < 1e-3);
        let (length, thickness) = found.size();
        assert!((length - 20.0).abs() < 1e-3 && (thickness - 4.0).abs() < 1e-3);
        assert_eq!(AxisBox::of(&[]), None);
    }

    #[test]
    fn a_region_grows_over_its_own_cells_only() {
        // 4 × 3: two regions of 1s, joined only diagonally.
        let grid = [1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1];
        let mut seen = vec![false; grid.len()];
        let mut found = Vec::new();
        grow_region(
            0,
            (4, 3),
            &mut seen,
            &mut Vec::new(),
            |at| grid[at] == 1,
            |at| {
                found.push(at);
            },
        );
        found.sort_unstable();
        assert_eq!(found, vec![0, 1]);
    }
}
