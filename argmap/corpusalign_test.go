package argmap

import "testing"

// FuzzDivergence aligns arbitrary paragraph lengths: no panic, and the step
// it names starts inside both texts and takes what they have.
func FuzzDivergence(f *testing.F) {
	f.Add([]byte{37, 129, 75, 76, 110, 125, 110, 41, 46, 13}, []byte{14, 30, 41, 26, 29, 30, 11, 12, 3})
	f.Add([]byte{1, 2, 3}, []byte{})
	f.Add([]byte{}, []byte{0, 0, 0, 0})
	f.Add([]byte{255, 0, 255, 0}, []byte{0, 255})
	f.Fuzz(func(t *testing.T, x, y []byte) {
		a, b := make([]int, len(x)), make([]int, len(y))
		for i, v := range x {
			a[i] = int(v) * 7
		}
		for i, v := range y {
			b[i] = int(v) * 3
		}
		at, s, ok := divergence(a, b)
		if !ok {
			if len(a) == len(b) || (len(a)-len(b) <= maxAlignSkew && len(b)-len(a) <= maxAlignSkew) {
				if len(a) != len(b) {
					t.Fatalf("no divergence found for %v and %v", a, b)
				}
			}
			return
		}
		if at.a < 0 || at.b < 0 || at.a+s.a > len(a) || at.b+s.b > len(b) || s == (step{1, 1}) {
			t.Fatalf("divergence(%v, %v) = %v %v", a, b, at, s)
		}
	})
}
