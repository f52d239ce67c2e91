package png

import "math"

// chunks cuts a polyline into consecutive stretches that each stay within
// size pixels of where they start. Filling costs the area of a stretch's
// bounding box, so a long or diagonal line is far cheaper drawn in short
// stretches than whole.
func chunks(line []point, size float64) [][]point {
	var out [][]point
	cur := []point{line[0]}
	for _, p := range line[1:] {
		a := cur[len(cur)-1]
		n := max(1, int(math.Ceil(math.Hypot(p.x-a.x, p.y-a.y)/size)))
		for k := 1; k <= n; k++ {
			t := float64(k) / float64(n)
			q := point{a.x + (p.x-a.x)*t, a.y + (p.y-a.y)*t}
			cur = append(cur, q)
			if math.Hypot(q.x-cur[0].x, q.y-cur[0].y) >= size {
				out = append(out, cur)
				cur = []point{q}
			}
		}
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// strokeOutline returns contours covering a polyline of half-width half:
// one quadrilateral per segment and a disc at each end and sharp turn, all
// wound the same way so that the non-zero fill unites them.
func strokeOutline(line []point, half float64) [][]point {
	var out [][]point
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*half, dx/l*half
		out = append(out, positive([]point{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}))
	}
	for i, p := range line {
		if i == 0 || i == len(line)-1 || turns(line[i-1], p, line[i+1]) {
			out = append(out, disc(p, half))
		}
	}
	return out
}

// turns reports whether the polyline bends at b by more than a few degrees.
func turns(a, b, c point) bool {
	ux, uy, vx, vy := b.x-a.x, b.y-a.y, c.x-b.x, c.y-b.y
	lu, lv := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if lu == 0 || lv == 0 {
		return false
	}
	return (ux*vx+uy*vy)/(lu*lv) < math.Cos(5*math.Pi/180)
}

func disc(c point, r float64) []point {
	n := max(8, min(32, int(r*4)))
	ps := make([]point, n)
	for i := range ps {
		a := 2 * math.Pi * float64(i) / float64(n)
		ps[i] = point{c.x + r*math.Cos(a), c.y + r*math.Sin(a)}
	}
	return positive(ps)
}

// positive returns the contour wound with positive signed area.
func positive(ps []point) []point {
	area := 0.0
	for i := range ps {
		j := (i + 1) % len(ps)
		area += ps[i].x*ps[j].y - ps[j].x*ps[i].y
	}
	if area < 0 {
		for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
			ps[i], ps[j] = ps[j], ps[i]
		}
	}
	return ps
}

// dashes cuts a polyline into the pieces a dash pattern (in points) keeps.
func dashes(line []point, pattern []float64, scale float64) [][]point {
	var total float64
	for _, d := range pattern {
		total += d
	}
	if total <= 0 {
		return [][]point{line}
	}
	var pieces [][]point
	var cur []point
	idx, left, on := 0, pattern[0]*scale, true
	if on {
		cur = []point{line[0]}
	}
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		seg := math.Hypot(b.x-a.x, b.y-a.y)
		pos := 0.0
		for seg-pos > left {
			pos += left
			t := pos / seg
			p := point{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
			if on {
				pieces = append(pieces, append(cur, p))
				cur = nil
			} else {
				cur = []point{p}
			}
			on = !on
			idx = (idx + 1) % len(pattern)
			left = pattern[idx] * scale
		}
		left -= seg - pos
		if on {
			cur = append(cur, b)
		}
	}
	if on && len(cur) > 1 {
		pieces = append(pieces, cur)
	}
	return pieces
}

// ellipse returns a polygon approximating an ellipse with centre c and
// radii rx, ry, in pixels.
func ellipse(c point, rx, ry float64) []point {
	n := max(24, min(128, int((rx+ry)/2)))
	ps := make([]point, n)
	for i := range ps {
		a := 2 * math.Pi * float64(i) / float64(n)
		ps[i] = point{c.x + rx*math.Cos(a), c.y + ry*math.Sin(a)}
	}
	return ps
}

// bezier flattens a piecewise cubic Bézier curve, xdot's B and b ops, into a
// polyline fine enough that its segments are about two pixels long.
func bezier(ps []point) []point {
	if len(ps) < 4 {
		return ps
	}
	out := []point{ps[0]}
	for i := 0; i+3 < len(ps); i += 3 {
		p0, p1, p2, p3 := ps[i], ps[i+1], ps[i+2], ps[i+3]
		hull := math.Hypot(p1.x-p0.x, p1.y-p0.y) + math.Hypot(p2.x-p1.x, p2.y-p1.y) + math.Hypot(p3.x-p2.x, p3.y-p2.y)
		n := max(1, min(100, int(hull/2)))
		for j := 1; j <= n; j++ {
			t := float64(j) / float64(n)
			u := 1 - t
			a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
			out = append(out, point{a*p0.x + b*p1.x + c*p2.x + d*p3.x, a*p0.y + b*p1.y + c*p2.y + d*p3.y})
		}
	}
	return out
}
