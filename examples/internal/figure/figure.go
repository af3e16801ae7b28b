// Package figure draws the line charts of Spindle's example programs with
// gonum/plot: titled, labelled axes with units, a legend, and markers
// (vertical and horizontal reference lines, shaded bands). It is shared by
// the quick start and the benchmark runners; library packages never import
// it.
package figure

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colour is a colour of the palette.
type Colour = color.Color

// Palette holds distinguishable colours (Okabe–Ito, safe for colour-blind
// readers).
var (
	Blue   = color.RGBA{0, 114, 178, 255}
	Orange = color.RGBA{230, 159, 0, 255}
	Green  = color.RGBA{0, 158, 115, 255}
	Red    = color.RGBA{213, 94, 0, 255}
	Purple = color.RGBA{204, 121, 167, 255}
	Sky    = color.RGBA{86, 180, 233, 255}
	Grey   = color.RGBA{110, 110, 110, 255}
	Black  = color.RGBA{0, 0, 0, 255}
)

// Figure is one chart under construction.
type Figure struct {
	p      *plot.Plot
	vlines []ref
	hlines []ref
	err    error
}

type ref struct {
	label  string
	at     float64
	c      color.Color
	dashed bool
}

// New returns an empty chart; put units in the axis labels, e.g.
// "time (h)".
func New(title, xlabel, ylabel string) *Figure {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.Top = true
	p.Legend.Left = false
	p.Add(plotter.NewGrid())
	return &Figure{p: p}
}

// LogY draws the y axis on a log scale (every value shown must be > 0).
func (f *Figure) LogY() {
	f.p.Y.Scale = plot.LogScale{}
	f.p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
}

// LegendLeft moves the legend to the top left corner.
func (f *Figure) LegendLeft() { f.p.Legend.Left = true }

// XRange fixes the x axis to [lo, hi].
func (f *Figure) XRange(lo, hi float64) { f.p.X.Min, f.p.X.Max = lo, hi }

// YRange fixes the y axis to [lo, hi].
func (f *Figure) YRange(lo, hi float64) { f.p.Y.Min, f.p.Y.Max = lo, hi }

func xys(x, y []float64) plotter.XYs {
	if len(x) != len(y) {
		panic(fmt.Sprintf("figure: %d x values, %d y values", len(x), len(y)))
	}
	pts := make(plotter.XYs, 0, len(x))
	for i := range x {
		if !math.IsNaN(y[i]) && !math.IsInf(y[i], 0) {
			pts = append(pts, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	return pts
}

// Line adds a line through (x[i], y[i]), skipping non-finite y; an empty
// label leaves it out of the legend.
func (f *Figure) Line(label string, x, y []float64, c color.Color, dashed bool) {
	pts := xys(x, y)
	if len(pts) == 0 {
		return
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		f.err = err
		return
	}
	l.Color = c
	l.Width = vg.Points(1.2)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	f.p.Add(l)
	if label != "" {
		f.p.Legend.Add(label, l)
	}
}

// Points adds markers at (x[i], y[i]).
func (f *Figure) Points(label string, x, y []float64, c color.Color) {
	pts := xys(x, y)
	if len(pts) == 0 {
		return
	}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		f.err = err
		return
	}
	s.GlyphStyle.Color = c
	s.GlyphStyle.Radius = vg.Points(2.5)
	s.GlyphStyle.Shape = draw.CircleGlyph{}
	f.p.Add(s)
	if label != "" {
		f.p.Legend.Add(label, s)
	}
}

// Band shades the region between lo[i] and hi[i] over x[i] in a
// translucent tint of c.
func (f *Figure) Band(label string, x, lo, hi []float64, c color.Color) {
	if len(x) != len(lo) || len(x) != len(hi) {
		panic("figure: band slices of different lengths")
	}
	var ring plotter.XYs
	for i := range x {
		if finite(lo[i]) && finite(hi[i]) {
			ring = append(ring, plotter.XY{X: x[i], Y: lo[i]})
		}
	}
	for i := len(x) - 1; i >= 0; i-- {
		if finite(lo[i]) && finite(hi[i]) {
			ring = append(ring, plotter.XY{X: x[i], Y: hi[i]})
		}
	}
	if len(ring) < 3 {
		return
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		f.err = err
		return
	}
	poly.Color = tint(c)
	poly.LineStyle.Width = 0
	f.p.Add(poly)
	if label != "" {
		f.p.Legend.Add(label, poly)
	}
}

// Span shades the vertical strip lo ≤ x ≤ hi over the whole height.
func (f *Figure) Span(label string, lo, hi float64, c color.Color) {
	f.vlines = append(f.vlines, ref{label: label, at: lo, c: c}, ref{at: hi, c: nil})
}

// VLine adds a vertical reference line at x = at.
func (f *Figure) VLine(label string, at float64, c color.Color, dashed bool) {
	f.vlines = append(f.vlines, ref{label, at, c, dashed})
}

// HLine adds a horizontal reference line at y = at.
func (f *Figure) HLine(label string, at float64, c color.Color, dashed bool) {
	f.hlines = append(f.hlines, ref{label, at, c, dashed})
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func tint(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 60}
}

// Save draws the reference lines across the data's range and writes the
// chart, 8 × 4.5 inches, as PNG, SVG or PDF by the file's extension.
func (f *Figure) Save(path string) error {
	if f.err != nil {
		return f.err
	}
	p := f.p
	// Reference lines must not stretch the axes: widen them to include the
	// lines' positions, then draw each line across the resulting range.
	for _, r := range f.hlines {
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, r.at), math.Max(p.Y.Max, r.at)
	}
	for _, r := range f.vlines {
		p.X.Min, p.X.Max = math.Min(p.X.Min, r.at), math.Max(p.X.Max, r.at)
	}
	ylo, yhi, xlo, xhi := p.Y.Min, p.Y.Max, p.X.Min, p.X.Max
	for i := 0; i < len(f.vlines); i++ {
		r := f.vlines[i]
		if i+1 < len(f.vlines) && f.vlines[i+1].c == nil { // a Span
			hi := f.vlines[i+1].at
			f.Band(r.label, []float64{r.at, hi}, []float64{ylo, ylo}, []float64{yhi, yhi}, r.c)
			i++
			continue
		}
		f.Line(r.label, []float64{r.at, r.at}, []float64{ylo, yhi}, r.c, r.dashed)
	}
	for _, r := range f.hlines {
		f.Line(r.label, []float64{xlo, xhi}, []float64{r.at, r.at}, r.c, r.dashed)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xlo, xhi, ylo, yhi
	if f.err != nil {
		return f.err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png", ".svg", ".pdf":
	default:
		return fmt.Errorf("figure: %s: unknown image format (use .png, .svg or .pdf)", path)
	}
	return p.Save(8*vg.Inch, 4.5*vg.Inch, path)
}
